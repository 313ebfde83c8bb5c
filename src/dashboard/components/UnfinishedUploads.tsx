import React, { type FC } from 'react';
import { Box, SectionHelper, Text } from '@wix/design-system';
import type { ResumeRecord } from '../../upload-engine';
import { formatBytes } from '../../shared/format';

/** Uploads begun before a reload: the browser cannot reopen a file by itself, the owner selects it again. */
export const UnfinishedUploads: FC<{ records: ResumeRecord[] }> = ({ records }) => {
  if (records.length === 0) return null;
  return (
    <SectionHelper
      skin="warning"
      title={`${records.length} upload${records.length === 1 ? '' : 's'} can be continued`}
      dataHook="unfinished-uploads"
    >
      <Box direction="vertical" gap="SP1">
        <Text size="small">Select or drop these files again: they continue where they stopped, nothing is sent twice.</Text>
        {records.map((record) => (
          <Text size="small" key={record.fingerprint} dataHook="unfinished-upload">
            Re-select <strong>{record.relativePath ?? record.name}</strong> ({formatBytes(record.size)}) to resume
          </Text>
        ))}
      </Box>
    </SectionHelper>
  );
};
