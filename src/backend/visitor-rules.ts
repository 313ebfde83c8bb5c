import { items } from '@wix/data';
import { auth } from '@wix/essentials';
import { VISITOR_UPLOAD_RULES } from './data-collections';
import { DEFAULT_VISITOR_UPLOAD_RULES, parseVisitorUploadRules, type VisitorUploadRules } from '../policies/visitor-rules-policy';

/** The one item of the rules collection. */
const RULES_ITEM_ID = 'rules';

/** The owner's rules; until saved once, the defaults (uploads off). Elevated: the collection is privileged-only. */
export async function readVisitorUploadRules(): Promise<VisitorUploadRules> {
  const item = await auth.elevate(items.get)(VISITOR_UPLOAD_RULES.id, RULES_ITEM_ID);
  if (!item) return DEFAULT_VISITOR_UPLOAD_RULES;
  const parsed = parseVisitorUploadRules(item);
  // Stored rules that no longer parse (edited by hand in the CMS) close uploads rather than guess.
  return 'rules' in parsed ? parsed.rules : { ...DEFAULT_VISITOR_UPLOAD_RULES, enabled: false };
}

export async function writeVisitorUploadRules(rules: VisitorUploadRules): Promise<void> {
  await auth.elevate(items.save)(VISITOR_UPLOAD_RULES.id, { _id: RULES_ITEM_ID, ...rules });
}
