import React, { memo, useState, type FC } from 'react';
import { Box, Button, Card, FormField, InputArea, Text } from '@wix/design-system';
import type { QueuedFile } from '../../upload-engine';
import { LINK_IMPORT_LIMITS } from '../../policies/upload-request-policy';
import { linksToImport, type LinkProblem, type UploadSettings } from '../staging';
import { inactive } from './inactive';
import { type Speech, useI18n } from '../../i18n/use-i18n';
import { describeViolation } from '../../i18n/describe';

interface Props {
  settings: UploadSettings;
  onImport(files: QueuedFile[]): void;
}

/**
 * "Add from a link": links typed or pasted one per line, imported by the Media Manager itself
 * (Wix fetches each file, so its bytes never cross this computer's connection), with the upload
 * settings' destination, labels and privacy. Lines that are not links stay in the field, each
 * with why; the others go to the queue.
 */
function linkProblemWords(speech: Speech, problem: LinkProblem): string {
  if (problem.kind === 'too-many') {
    return speech.t('linkImport.tooMany', { max: speech.number(LINK_IMPORT_LIMITS.linksPerImport), given: speech.number(problem.given) });
  }
  return describeViolation(speech, problem.violation, speech.t('linkImport.theLink'));
}

const LinkImportFormView: FC<Props> = ({ settings, onImport }) => {
  const speech = useI18n();
  const { t, number } = speech;
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<LinkProblem[]>([]);
  const submit = () => {
    const found = linksToImport(text, settings);
    if (found.files.length > 0) onImport(found.files);
    setProblems(found.problems);
    setText(found.problems.map((problem) => problem.line).join('\n'));
  };
  const message =
    problems.length === 0
      ? undefined
      : problems.length === 1
        ? linkProblemWords(speech, problems[0]!)
        : t('linkImport.problems', { count: problems.length });

  return (
    <Card>
      <Card.Header title={t('linkImport.title')} subtitle={t('linkImport.subtitle')} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          <FormField label={t('linkImport.field')} id="import-links" status={message ? 'error' : undefined} statusMessage={message}>
            <InputArea
              id="import-links"
              ariaLabel={t('linkImport.field')}
              placeholder={t('linkImport.placeholder')}
              rows={3}
              resizable
              value={text}
              status={message ? 'error' : undefined}
              onChange={(event) => {
                setText(event.target.value);
                if (problems.length > 0) setProblems([]);
              }}
              dataHook="import-links"
            />
          </FormField>
          {problems.length > 1 ? (
            <ul aria-label={t('linkImport.problemsList')} style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((problem) => (
                <li key={problem.line}>
                  <Text size="small" secondary>
                    {problem.line}: {linkProblemWords(speech, problem)}
                  </Text>
                </li>
              ))}
            </ul>
          ) : null}
          <Box gap="SP2" verticalAlign="middle" flexWrap="wrap">
            <Button size="small" onClick={submit} dataHook="import-links-submit" {...inactive(text.trim() === '')}>
              {t('linkImport.submit')}
            </Button>
            <Text size="tiny" secondary>
              {t('linkImport.limit', { max: number(LINK_IMPORT_LIMITS.linksPerImport) })}
            </Text>
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const LinkImportForm = memo(LinkImportFormView);
