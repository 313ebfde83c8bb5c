import type { FieldViolation } from '../shared/refusals';
import { formatBytes } from '../shared/format';
import { readsEnglish, type Wording } from './describe';

/**
 * What is wrong with a rule the owner typed in the visitor rules form (the visitor rules policy's
 * violations), by field and data; the server's words for a violation not known here. The
 * dashboard's alone: apart from `describe.ts`, which the site widget loads, so the widget asks
 * for no `rules.*` words.
 */
export function ruleViolationWords(wording: Wording, violation: FieldViolation): string {
  const { t, locale } = wording;
  if (readsEnglish(wording)) return violation.description;
  const threshold = violation.data?.threshold;
  if (violation.field === 'maxFileSizeGb') {
    return threshold === undefined ? t('rules.gbFormat') : t('rules.gbRange', { max: formatBytes(threshold, locale) });
  }
  if (violation.field === 'allowedTypes' && threshold !== undefined) return t('rules.typesCount', { count: threshold });
  if (violation.field.startsWith('allowedTypes[')) return t('rules.typeFormat');
  if (violation.violatedRule === 'FORMAT' && threshold !== undefined) return t('rules.wholeNumber', { max: threshold });
  return violation.description;
}
