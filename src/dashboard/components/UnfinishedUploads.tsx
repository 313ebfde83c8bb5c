import React, { memo, useState, type FC } from 'react';
import { Box, SectionHelper, Text, TextButton } from '@wix/design-system';
import type { ResumeRecord } from '../../upload-engine';
import type { Speech } from '../../i18n/use-i18n';
import { DestructiveQuestion } from './DestructiveQuestion';
import { useI18n } from '../../i18n/use-i18n';

interface Props {
  records: readonly ResumeRecord[];
  onForget(fingerprint: string): void;
}

const progressOf = ({ t, bytes }: Speech, record: ResumeRecord) => {
  const done = record.bytesOnServer ?? 0;
  const percent = record.size === 0 ? 100 : Math.floor((done / record.size) * 100);
  return t('unfinished.progress', { done: bytes(done), total: bytes(record.size), percent });
};

const nameOf = (record: ResumeRecord) => record.relativePath ?? record.name;

/** Uploads begun before a reload: the browser cannot reopen a file by itself, the owner selects it again or gives it up. */
const UnfinishedUploadsView: FC<Props> = ({ records, onForget }) => {
  // Forgetting deletes what reached the server, as cancelling does: it asks first.
  const speech = useI18n();
  const { t, bytes } = speech;
  const [forgetting, setForgetting] = useState<ResumeRecord>();
  if (records.length === 0) return null;
  return (
    <SectionHelper skin="warning" title={t('unfinished.title', { count: records.length })} dataHook="unfinished-uploads">
      <Box direction="vertical" gap="SP1">
        <Text size="small">{t('unfinished.body')}</Text>
        {records.map((record) => {
          const name = nameOf(record);
          return (
            <Box key={record.fingerprint} gap="SP2" verticalAlign="middle" dataHook="unfinished-upload">
              <Text size="small">
                <strong style={{ unicodeBidi: 'isolate' }}>{name}</strong>: {progressOf(speech, record)}
              </Text>
              <TextButton
                size="small"
                skin="destructive"
                onClick={() => setForgetting(record)}
                ariaLabel={t('unfinished.forgetNamed', { name })}
                dataHook="forget-unfinished"
              >
                {t('unfinished.forget')}
              </TextButton>
            </Box>
          );
        })}
      </Box>
      <DestructiveQuestion
        question={
          forgetting && {
            title: t('unfinished.questionTitle'),
            content: t('unfinished.questionContent', { sent: bytes(forgetting.bytesOnServer ?? 0), name: nameOf(forgetting) }),
            confirm: t('unfinished.confirm'),
            keep: t('common.keepIt'),
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
