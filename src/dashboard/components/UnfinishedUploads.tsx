import React, { memo, useState, type FC } from 'react';
import { Box, SectionHelper, Text, TextButton } from '@wix/design-system';
import type { ResumeRecord } from '../../upload-engine';
import { formatBytes } from '../../shared/format';
import { DestructiveQuestion } from './DestructiveQuestion';

interface Props {
  records: readonly ResumeRecord[];
  onForget(fingerprint: string): void;
}

const progressOf = (record: ResumeRecord) => {
  const done = record.bytesOnServer ?? 0;
  const percent = record.size === 0 ? 100 : Math.floor((done / record.size) * 100);
  return `${formatBytes(done)} of ${formatBytes(record.size)} uploaded (${percent}%)`;
};

const nameOf = (record: ResumeRecord) => record.relativePath ?? record.name;

/** Uploads begun before a reload: the browser cannot reopen a file by itself, the owner selects it again or gives it up. */
const UnfinishedUploadsView: FC<Props> = ({ records, onForget }) => {
  // Forgetting deletes what reached the server, as cancelling does: it asks first.
  const [forgetting, setForgetting] = useState<ResumeRecord>();
  if (records.length === 0) return null;
  return (
    <SectionHelper
      skin="warning"
      title={`${records.length} upload${records.length === 1 ? '' : 's'} can be continued`}
      dataHook="unfinished-uploads"
    >
      <Box direction="vertical" gap="SP1">
        <Text size="small">Select or drop these files again: they continue where they stopped, nothing is sent twice.</Text>
        {records.map((record) => {
          const name = nameOf(record);
          return (
            <Box key={record.fingerprint} gap="SP2" verticalAlign="middle" dataHook="unfinished-upload">
              <Text size="small">
                <strong>{name}</strong>: {progressOf(record)}
              </Text>
              <TextButton
                size="small"
                skin="destructive"
                onClick={() => setForgetting(record)}
                ariaLabel={`Forget ${name}: delete what was uploaded`}
                dataHook="forget-unfinished"
              >
                Forget
              </TextButton>
            </Box>
          );
        })}
      </Box>
      <DestructiveQuestion
        question={
          forgetting && {
            title: 'Forget this upload?',
            content: `${formatBytes(forgetting.bytesOnServer ?? 0)} of "${nameOf(forgetting)}" already reached the Media Manager. Forgetting deletes it: selecting the file again then starts from the beginning.`,
            confirm: 'Forget upload',
            keep: 'Keep it',
          }
        }
        onConfirm={() => forgetting && onForget(forgetting.fingerprint)}
        onClose={() => setForgetting(undefined)}
        dataHook="forget-confirmation"
      />
    </SectionHelper>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const UnfinishedUploads = memo(UnfinishedUploadsView);
