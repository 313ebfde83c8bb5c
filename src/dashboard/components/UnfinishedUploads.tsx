import React, { memo, useState, type FC } from 'react';
import { Box, Button, SectionHelper, Text, TextButton } from '@wix/design-system';
import type { ReopenRefusal, ResumeRecord } from '../../upload-engine';
import type { Speech } from '../../i18n/use-i18n';
import { DestructiveQuestion } from './DestructiveQuestion';
import { useI18n } from '../../i18n/use-i18n';

interface Props {
  records: readonly ResumeRecord[];
  /** Fingerprints of the records Continue reopens without a file dialog (their file's handle is kept). */
  kept?: ReadonlySet<string>;
  /** Why a kept file was not continued, by fingerprint. */
  refusals?: ReadonlyMap<string, ReopenRefusal>;
  /** Whether this browser keeps files' handles at all (Chromium-based browsers); otherwise files are chosen again. */
  keepsFileHandles?: boolean;
  continuing?: boolean;
  onContinue?(): void;
  onForget(fingerprint: string): void;
}

const progressOf = ({ t, bytes }: Speech, record: ResumeRecord) => {
  const done = record.bytesOnServer ?? 0;
  const percent = record.size === 0 ? 100 : Math.floor((done / record.size) * 100);
  return t('unfinished.progress', { done: bytes(done), total: bytes(record.size), percent });
};

/** Two sizes apart, written so that they read apart: to the byte when rounding makes them look the same. */
const sizesApart = ({ bytes, number }: Speech, size: number, was: number) =>
  bytes(size) === bytes(was) ? { size: `${number(size)} B`, was: `${number(was)} B` } : { size: bytes(size), was: bytes(was) };

const refusalOf = (speech: Speech, record: ResumeRecord, refusal: ReopenRefusal) => {
  const { t, dateTime } = speech;
  switch (refusal.kind) {
    case 'changed-size':
      return t('unfinished.changedSize', sizesApart(speech, refusal.size, record.size));
    case 'changed-date':
      return t('unfinished.changedDate', { date: dateTime(refusal.lastModified) });
    case 'permission-denied':
      return t('unfinished.permissionDenied');
    case 'gone':
      return t('unfinished.gone');
    case 'unreadable':
      return t('unfinished.unreadable');
  }
};

const nameOf = (record: ResumeRecord) => record.relativePath ?? record.name;

const NO_FINGERPRINTS: ReadonlySet<string> = new Set();
const NO_REFUSALS: ReadonlyMap<string, ReopenRefusal> = new Map();

/**
 * Uploads begun before a reload. Files whose handle the browser kept continue with one click (the
 * browser asks once to read them again); the others are selected again, or given up.
 */
const UnfinishedUploadsView: FC<Props> = ({
  records,
  kept = NO_FINGERPRINTS,
  refusals = NO_REFUSALS,
  keepsFileHandles = false,
  continuing = false,
  onContinue,
  onForget,
}) => {
  // Forgetting deletes what reached the server, as cancelling does: it asks first.
  const speech = useI18n();
  const { t, bytes } = speech;
  const [forgetting, setForgetting] = useState<ResumeRecord>();
  if (records.length === 0) return null;
  const continuable = records.filter((record) => kept.has(record.fingerprint)).length;
  // A file changed or gone since is neither: its reason says what to do.
  const toChooseAgain = records.filter((record) => !kept.has(record.fingerprint) && !refusals.has(record.fingerprint)).length;
  // Some files reopen by themselves and some do not: those that do not say so on their line.
  const mixed = continuable > 0 || refusals.size > 0;
  return (
    <SectionHelper skin="warning" title={t('unfinished.title', { count: records.length })} dataHook="unfinished-uploads">
      <Box direction="vertical" gap="SP1">
        {continuable > 0 ? <Text size="small">{t('unfinished.bodyContinue')}</Text> : null}
        {toChooseAgain > 0 ? (
          <Text size="small" dataHook="unfinished-choose-again">
            {!keepsFileHandles ? t('unfinished.bodyNoHandles') : mixed ? t('unfinished.bodySomeAgain') : t('unfinished.body')}
          </Text>
        ) : null}
        {records.map((record) => {
          const name = nameOf(record);
          const refusal = refusals.get(record.fingerprint);
          return (
            <Box key={record.fingerprint} direction="vertical" dataHook="unfinished-upload">
              <Box gap="SP2" verticalAlign="middle">
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
              {refusal ? (
                <Text size="small" skin="error" dataHook="unfinished-refusal">
                  {refusalOf(speech, record, refusal)}
                </Text>
              ) : keepsFileHandles && mixed && !kept.has(record.fingerprint) ? (
                <Text size="tiny" secondary dataHook="unfinished-no-handle">
                  {t('unfinished.noHandle')}
                </Text>
              ) : null}
            </Box>
          );
        })}
        {continuable > 0 && onContinue ? (
          <Box marginTop="SP1">
            <Button
              size="small"
              onClick={onContinue}
              disabled={continuing}
              aria-label={t('unfinished.continueNamed', { count: continuable })}
              dataHook="continue-unfinished"
            >
              {t('unfinished.continue')}
            </Button>
          </Box>
        ) : null}
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
