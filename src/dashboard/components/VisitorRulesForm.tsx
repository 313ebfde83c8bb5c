import React, { useEffect, useState, type FC } from 'react';
import { Box, Button, Card, FormField, Input, NumberInput, RadioGroup, Text, ToggleSwitch } from '@wix/design-system';
import type { FieldViolation } from '../../shared/refusals';
import type { SaveRulesResult } from '../../shared/visitor-upload-methods';
import { gigabytesToBytes, type VisitorUploadRules } from '../../policies/visitor-rules-policy';
import { GB } from '../../shared/format';
import { useI18n } from '../../i18n/use-i18n';
import { ruleViolationWords } from '../../i18n/describe-rules';

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
  const speech = useI18n();
  const { t, number: formatNumber } = speech;
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
        <Card.Header title={t('rules.title')} />
        <Card.Content>
          <Text skin="error">{loadError}</Text>
        </Card.Content>
      </Card>
    );
  }
  if (!draft) return null;

  const problemOf = (...fields: string[]) => {
    const violation = violations.find((v) => fields.some((field) => v.field === field || v.field.startsWith(`${field}[`)));
    return violation && ruleViolationWords(speech, violation);
  };
  const number = (field: CountRule) => {
    const label = t(`rules.${field}`);
    return (
      <FormField label={label} id={`rule-${field}`} status={problemOf(field) ? 'error' : undefined} statusMessage={problemOf(field)}>
        <NumberInput
          id={`rule-${field}`}
          ariaLabel={label}
          value={draft[field]}
          onChange={(value) => setDraft({ ...draft, [field]: Math.round(value ?? 0) })}
        />
      </FormField>
    );
  };
  // The size is kept as the owner types it; its bytes are computed from the text, exactly (decimal GB).
  const sizeProblem = problemOf('maxFileSizeGb', 'maxFileSizeBytes');
  const largestFile = (
    <FormField
      label={t('rules.largestFile')}
      id="rule-maxFileSizeGb"
      status={sizeProblem ? 'error' : undefined}
      statusMessage={sizeProblem}
    >
      <Input
        id="rule-maxFileSizeGb"
        ariaLabel={t('rules.largestFile')}
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
        title={t('rules.title')}
        subtitle={t('rules.subtitle')}
        suffix={
          <Button size="small" onClick={() => void save()} disabled={saving} dataHook="save-visitor-rules">
            {saving ? t('rules.saving') : t('rules.save')}
          </Button>
        }
      />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          <Box gap="SP2" verticalAlign="middle">
            <ToggleSwitch id="visitor-enabled" checked={draft.enabled} onChange={() => setDraft({ ...draft, enabled: !draft.enabled })} />
            <label htmlFor="visitor-enabled">
              <Text size="small">{t('rules.enabled')}</Text>
            </label>
          </Box>
          <FormField label={t('rules.audience')}>
            <RadioGroup
              value={draft.audience}
              onChange={(value) => setDraft({ ...draft, audience: value === 'MEMBERS' ? 'MEMBERS' : 'ANYONE' })}
            >
              <RadioGroup.Radio value="ANYONE">{t('rules.ANYONE')}</RadioGroup.Radio>
              <RadioGroup.Radio value="MEMBERS">{t('rules.MEMBERS')}</RadioGroup.Radio>
            </RadioGroup>
          </FormField>
          <FormField
            label={t('rules.types')}
            id="rule-types"
            status={problemOf('allowedTypes') ? 'error' : undefined}
            statusMessage={problemOf('allowedTypes')}
          >
            <Input
              id="rule-types"
              ariaLabel={t('rules.typesName')}
              placeholder={t('rules.typesExample')}
              value={types}
              onChange={(event) => setTypes(event.target.value)}
            />
          </FormField>
          <Box gap="SP4" flexWrap="wrap">
            {largestFile}
            {number('maxFilesPerSubmission')}
            {number('maxFilesPerVisitorPerDay')}
            {number('maxFilesPerDay')}
            {number('maxSubmissionsPerVisitorPerDay')}
            {number('maxSubmissionsPerDay')}
          </Box>
          <Text size="tiny" secondary>
            {t('rules.units', { bytes: formatNumber(GB) })}
          </Text>
          {saved ? (
            <Text size="small" skin="success" dataHook="visitor-rules-saved">
              {t('rules.saved')}
            </Text>
          ) : null}
        </Box>
      </Card.Content>
    </Card>
  );
};
