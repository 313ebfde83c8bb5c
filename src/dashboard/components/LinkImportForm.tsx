import React, { memo, useState, type FC } from 'react';
import { Box, Button, Card, FormField, InputArea, Text } from '@wix/design-system';
import type { QueuedFile } from '../../upload-engine';
import { LINK_IMPORT_LIMITS } from '../../policies/upload-request-policy';
import { linksToImport, type LinkProblem, type UploadSettings } from '../staging';
import { inactive } from './inactive';

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
const LinkImportFormView: FC<Props> = ({ settings, onImport }) => {
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
        ? problems[0]!.reason
        : `${problems.length} lines are not links that can be imported; they are left in the field.`;

  return (
    <Card>
      <Card.Header
        title="Add from a link"
        subtitle="Wix fetches each file from its link itself: nothing is sent from this computer. The destination, labels and privacy chosen for uploads apply."
      />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          <FormField label="Links, one per line" id="import-links" status={message ? 'error' : undefined} statusMessage={message}>
            <InputArea
              id="import-links"
              ariaLabel="Links, one per line"
              placeholder="https://example.com/shoot/clip.mp4"
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
            <ul aria-label="Lines that are not links" style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((problem) => (
                <li key={problem.line}>
                  <Text size="small" secondary>
                    {problem.line}: {problem.reason}
                  </Text>
                </li>
              ))}
            </ul>
          ) : null}
          <Box gap="SP2" verticalAlign="middle" flexWrap="wrap">
            <Button size="small" onClick={submit} dataHook="import-links-submit" {...inactive(text.trim() === '')}>
              Import from links
            </Button>
            <Text size="tiny" secondary>
              Up to {LINK_IMPORT_LIMITS.linksPerImport} links at once.
            </Text>
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
};

/** Re-rendered only when its props change, not with every progress tick of the page's queue. */
export const LinkImportForm = memo(LinkImportFormView);
