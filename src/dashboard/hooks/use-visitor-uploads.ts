import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  closeVisitorSubmission,
  deleteVisitorSubmission,
  getVisitorUploadRules,
  listVisitorSubmissionPage,
  saveVisitorUploadRules,
  setVisitorSubmissionHandled,
} from '../owner-methods';
import { INBOX_PAGE_SIZE, type InboxFilter, type SaveRulesResult, type SubmissionSummary } from '../../shared/visitor-upload-methods';
import type { VisitorUploadRules } from '../../policies/visitor-rules-policy';
import { errorMessage, RefusedError } from './query-errors';
import type { TypedVisitorRules } from '../components/VisitorRulesForm';
import { useI18n } from '../../i18n/use-i18n';

const RULES = 'visitor-rules';
const INBOX = 'visitor-submissions';
const INBOX_REFRESH_MS = 20_000;

/** The owner's rules for visitor uploads, and saving them (the server checks each field). */
export function useVisitorRules(): {
  rules?: VisitorUploadRules;
  error?: string;
  save(rules: TypedVisitorRules): Promise<SaveRulesResult>;
  saving: boolean;
} {
  const speech = useI18n();
  const queries = useQueryClient();
  const query = useQuery({ queryKey: [RULES], queryFn: () => getVisitorUploadRules() });
  const mutation = useMutation({
    mutationFn: (rules: TypedVisitorRules) => saveVisitorUploadRules(rules),
    onSuccess: (result) => {
      if (result.ok) queries.setQueryData([RULES], result.rules);
    },
  });
  return {
    rules: query.data,
    error: query.error ? errorMessage(speech, query.error, speech.t('inbox.rulesError')) : undefined,
    save: (rules) => mutation.mutateAsync(rules),
    saving: mutation.isLoading,
  };
}

/** Typing in the search asks the server once the owner pauses, not at every key. */
const SEARCH_PAUSE_MS = 300;

function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** What visitors sent, a page at a time, unhandled first (or filtered, or searched); marking one handled, closing one, deleting one. */
export function useVisitorInbox(): {
  submissions: SubmissionSummary[];
  total: number;
  offset: number;
  pageSize: number;
  filter: InboxFilter;
  search: string;
  loading: boolean;
  error?: string;
  setFilter(filter: InboxFilter): void;
  setSearch(text: string): void;
  setOffset(offset: number): void;
  setHandled(id: string, handled: boolean): Promise<void>;
  close(id: string): Promise<void>;
  remove(id: string): Promise<void>;
} {
  const speech = useI18n();
  const queries = useQueryClient();
  const [filter, setFilter] = useState<InboxFilter>('ALL');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const searched = useSettled(search.trim(), SEARCH_PAUSE_MS);
  const query = useQuery({
    queryKey: [INBOX, filter, searched, offset],
    queryFn: async () => {
      const page = await listVisitorSubmissionPage({ filter, search: searched, offset, pageSize: INBOX_PAGE_SIZE.default });
      if (!page.ok) throw new RefusedError(page);
      return page;
    },
    refetchInterval: INBOX_REFRESH_MS,
    keepPreviousData: true,
  });
  const refusedOr = async (answer: Promise<{ ok: true } | { ok: false; reason: string }>) => {
    const result = await answer;
    await queries.invalidateQueries({ queryKey: [INBOX] });
    if (!result.ok) throw new RefusedError(result);
  };
  return {
    submissions: query.data?.submissions ?? [],
    total: query.data?.total ?? 0,
    offset,
    pageSize: INBOX_PAGE_SIZE.default,
    filter,
    search,
    loading: query.isLoading,
    error: query.error ? errorMessage(speech, query.error, speech.t('inbox.submissionsError')) : undefined,
    setFilter: (next) => {
      setFilter(next);
      setOffset(0);
    },
    setSearch: (text) => {
      setSearch(text);
      setOffset(0);
    },
    setOffset,
    setHandled: (id, handled) => refusedOr(setVisitorSubmissionHandled(id, handled)),
    close: (id) => refusedOr(closeVisitorSubmission(id)),
    remove: (id) => refusedOr(deleteVisitorSubmission(id)),
  };
}
