import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  deleteVisitorSubmission,
  getVisitorUploadRules,
  listVisitorSubmissions,
  saveVisitorUploadRules,
  setVisitorSubmissionHandled,
} from '../../backend/visitor-uploads.web';
import type { SaveRulesResult, SubmissionSummary, VisitorUploadRules } from '../../shared/visitor-uploads';
import { messageOf, RefusedError } from './use-folders';

const RULES = 'visitor-rules';
const INBOX = 'visitor-submissions';
const INBOX_REFRESH_MS = 20_000;

/** The owner's rules for visitor uploads, and saving them (the server checks each field). */
export function useVisitorRules(): {
  rules?: VisitorUploadRules;
  error?: string;
  save(rules: VisitorUploadRules): Promise<SaveRulesResult>;
  saving: boolean;
} {
  const queries = useQueryClient();
  const query = useQuery({ queryKey: [RULES], queryFn: () => getVisitorUploadRules() });
  const mutation = useMutation({
    mutationFn: (rules: VisitorUploadRules) => saveVisitorUploadRules(rules),
    onSuccess: (result) => {
      if (result.ok) queries.setQueryData([RULES], result.rules);
    },
  });
  return {
    rules: query.data,
    error: query.error ? messageOf(query.error, 'The rules could not be loaded') : undefined,
    save: (rules) => mutation.mutateAsync(rules),
    saving: mutation.isLoading,
  };
}

/** What visitors sent, newest first; marking one handled and deleting one. */
export function useVisitorInbox(): {
  submissions: SubmissionSummary[];
  loading: boolean;
  error?: string;
  setHandled(id: string, handled: boolean): Promise<void>;
  remove(id: string): Promise<void>;
} {
  const queries = useQueryClient();
  const query = useQuery({ queryKey: [INBOX], queryFn: () => listVisitorSubmissions(), refetchInterval: INBOX_REFRESH_MS });
  const refusedOr = async (answer: Promise<{ ok: true } | { ok: false; reason: string }>) => {
    const result = await answer;
    await queries.invalidateQueries({ queryKey: [INBOX] });
    if (!result.ok) throw new RefusedError(result.reason);
  };
  return {
    submissions: query.data ?? [],
    loading: query.isLoading,
    error: query.error ? messageOf(query.error, 'The submissions could not be loaded') : undefined,
    setHandled: (id, handled) => refusedOr(setVisitorSubmissionHandled(id, handled)),
    remove: (id) => refusedOr(deleteVisitorSubmission(id)),
  };
}
