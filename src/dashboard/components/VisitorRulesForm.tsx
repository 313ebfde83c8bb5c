import React, { useEffect, useState, type FC } from 'react';
import { Box, Button, Card, FormField, Input, NumberInput, RadioGroup, Text, ToggleSwitch } from '@wix/design-system';
import type { FieldViolation } from '../../shared/refusals';
import type { SaveRulesResult } from '../../shared/visitor-upload-methods';
import { gigabytesToBytes, type VisitorUploadRules } from '../../policies/visitor-rules-policy';

/** The rules as the owner typed them: a size that is not a number has no bytes (the server names what is wrong). */
export type TypedVisitorRules = Omit<VisitorUploadRules, 'maxFileSizeBytes'> & { maxFileSizeBytes?: number };

interface Props {
  rules?: VisitorUploadRules;
  loadError?: string;
  saving: boolean;
  onSave(rules: TypedVisitorRules): Promise<SaveRulesResult>;
}

type CountRule =
  | 'maxFilesPerSubmission'
  | 'maxFilesPerVisitorPerDay'
  | 'maxFilesPerDay'
  | 'maxSubmissionsPerVisitorPerDay'
  | 'maxSubmissionsPerDay';

/** The rules that protect the owner: kept and enforced on the server, edited here. */
export const VisitorRulesForm: FC<Props> = ({ rules, loadError, saving, onSave }) => {
  const [draft, setDraft] = useState<VisitorUploadRules>();
  const [types, setTypes] = useState('');
  const [violations, setViolations] = useState<FieldViolation[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (rules) {
      setDraft(rules);
      setTypes(rules.allowedTypes.join(', '));
    }
  }, [rules]);

  if (loadError) {
    return (
      <Card>
        <Card.Header title="Rules for visitor uploads" />
        <Card.Content>
          <Text skin="error">{loadError}</Text>
        </Card.Content>
      </Card>
    );
  }
  if (!draft) return null;

  const problemOf = (...fields: string[]) =>
    violations.find((v) => fields.some((field) => v.field === field || v.field.startsWith(`${field}[`)))?.description;
  const number = (field: CountRule, label: string) => (
    <FormField label={label} id={`rule-${field}`} status={problemOf(field) ? 'error' : undefined} statusMessage={problemOf(field)}>
      <NumberInput
        id={`rule-${field}`}
        ariaLabel={label}
        value={draft[field]}
        onChange={(value) => setDraft({ ...draft, [field]: Math.round(value ?? 0) })}
      />
    </FormField>
  );
  // The size is kept as the owner types it; its bytes are computed from the text, exactly (decimal GB).
  const sizeProblem = problemOf('maxFileSizeGb', 'maxFileSizeBytes');
  const largestFile = (
    <FormField label="Largest file (GB)" id="rule-maxFileSizeGb" status={sizeProblem ? 'error' : undefined} statusMessage={sizeProblem}>
      <Input
        id="rule-maxFileSizeGb"
        ariaLabel="Largest file (GB)"
        inputmode="decimal"
        value={draft.maxFileSizeGb}
        onChange={(event) => setDraft({ ...draft, maxFileSizeGb: event.target.value })}
      />
    </FormField>
  );
  const save = async () => {
    setSaved(false);
    const allowedTypes = types
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    const result = await onSave({ ...draft, allowedTypes, maxFileSizeBytes: gigabytesToBytes(draft.maxFileSizeGb) });
    setViolations(result.ok ? [] : result.violations);
    setSaved(result.ok);
  };

  return (
    <Card>
      <Card.Header
        title="Rules for visitor uploads"
        subtitle="Checked on the server for every file a visitor sends through the site widget."
        suffix={
          <Button size="small" onClick={() => void save()} disabled={saving} dataHook="save-visitor-rules">
            {saving ? 'Saving…' : 'Save rules'}
          </Button>
        }
      />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          <Box gap="SP2" verticalAlign="middle">
            <ToggleSwitch id="visitor-enabled" checked={draft.enabled} onChange={() => setDraft({ ...draft, enabled: !draft.enabled })} />
            <label htmlFor="visitor-enabled">
              <Text size="small">Accept files from the site</Text>
            </label>
          </Box>
          <FormField label="Who may send files">
            <RadioGroup
              value={draft.audience}
              onChange={(value) => setDraft({ ...draft, audience: value === 'MEMBERS' ? 'MEMBERS' : 'ANYONE' })}
            >
              <RadioGroup.Radio value="ANYONE">Anyone visiting the site</RadioGroup.Radio>
              <RadioGroup.Radio value="MEMBERS">Only logged-in members</RadioGroup.Radio>
            </RadioGroup>
          </FormField>
          <FormField
            label="Accepted types (empty: any)"
            id="rule-types"
            status={problemOf('allowedTypes') ? 'error' : undefined}
            statusMessage={problemOf('allowedTypes')}
          >
            <Input
              id="rule-types"
              ariaLabel="Accepted types"
              placeholder="video/*, image/*, application/pdf"
              value={types}
              onChange={(event) => setTypes(event.target.value)}
            />
          </FormField>
          <Box gap="SP4" flexWrap="wrap">
            {largestFile}
            {number('maxFilesPerSubmission', 'Files at once')}
            {number('maxFilesPerVisitorPerDay', 'Files per visitor per day')}
            {number('maxFilesPerDay', 'Files per day, all visitors')}
            {number('maxSubmissionsPerVisitorPerDay', 'Submissions per visitor per day')}
            {number('maxSubmissionsPerDay', 'Submissions per day, all visitors')}
          </Box>
          <Text size="tiny" secondary>
            A day is a day in UTC; 1 GB is 1,000,000,000 bytes.
          </Text>
          {saved ? (
            <Text size="small" skin="success" dataHook="visitor-rules-saved">
              Saved: the widget follows these rules now.
            </Text>
          ) : null}
        </Box>
      </Card.Content>
    </Card>
  );
};
