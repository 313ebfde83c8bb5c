import React, { useEffect, useState, type FC } from 'react';
import { Box, Button, Card, FormField, Input, NumberInput, RadioGroup, Text, ToggleSwitch } from '@wix/design-system';
import type { FieldViolation } from '../../shared/upload-request';
import type { SaveRulesResult, VisitorUploadRules } from '../../shared/visitor-uploads';

interface Props {
  rules?: VisitorUploadRules;
  loadError?: string;
  saving: boolean;
  onSave(rules: VisitorUploadRules): Promise<SaveRulesResult>;
}

const GB = 1024 ** 3;

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

  const problemOf = (field: string) => violations.find((v) => v.field === field || v.field.startsWith(`${field}[`))?.description;
  const number = (field: keyof VisitorUploadRules, label: string, scale = 1) => (
    <FormField label={label} id={`rule-${field}`} status={problemOf(field) ? 'error' : undefined} statusMessage={problemOf(field)}>
      <NumberInput
        id={`rule-${field}`}
        ariaLabel={label}
        value={Number(draft[field]) / scale}
        onChange={(value) => setDraft({ ...draft, [field]: Math.round((value ?? 0) * scale) })}
      />
    </FormField>
  );
  const save = async () => {
    setSaved(false);
    const allowedTypes = types
      .split(',')
      .map((type) => type.trim())
      .filter(Boolean);
    const result = await onSave({ ...draft, allowedTypes });
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
            {number('maxFileSizeBytes', 'Largest file (GB)', GB)}
            {number('maxFilesPerSubmission', 'Files at once')}
            {number('maxFilesPerVisitorPerDay', 'Files per visitor per day')}
            {number('maxFilesPerDay', 'Files per day, all visitors')}
          </Box>
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
