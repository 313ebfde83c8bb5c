// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VisitorRulesForm, type TypedVisitorRules } from '../../src/dashboard/components/VisitorRulesForm.js';
import { VisitorInbox, type VisitorInboxProps } from '../../src/dashboard/components/VisitorInbox.js';
import type { SaveRulesResult, SubmissionSummary } from '../../src/shared/visitor-upload-methods.js';
import { DEFAULT_VISITOR_UPLOAD_RULES } from '../../src/policies/visitor-rules-policy.js';
import { button, renderInWds, unnamedButtons } from './support/ui.js';
import { LanguageProvider } from '../../src/i18n/use-i18n.js';

// The components reach the backend through the owner's one module (dashboard/owner-methods.ts): only a file link is asked for here.
vi.mock('../../src/dashboard/owner-methods', () => ({ getFileDownloadUrl: vi.fn() }));

afterEach(() => cleanup());

const saved = (rules: TypedVisitorRules): SaveRulesResult => ({
  ok: true,
  rules: { ...rules, maxFileSizeBytes: rules.maxFileSizeBytes ?? 0 },
});

describe('VisitorRulesForm', () => {
  it('saves what the owner typed, and shows the server’s reason next to the field', async () => {
    const onSave = vi.fn<(rules: TypedVisitorRules) => Promise<SaveRulesResult>>(async () => ({
      ok: false,
      reason: 'Some rules are not valid.',
      violations: [
        { field: 'allowedTypes[1]', description: 'must be a MIME type such as video/* or application/pdf', violatedRule: 'FORMAT' },
      ],
    }));
    renderInWds(<VisitorRulesForm rules={DEFAULT_VISITOR_UPLOAD_RULES} saving={false} onSave={onSave} />);
    fireEvent.click(screen.getByLabelText('Accept files from the site'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Accepted types (empty: any)' }), { target: { value: 'video/*, nonsense' } });
    fireEvent.click(screen.getByLabelText('Only logged-in members'));
    fireEvent.click(button('Save rules'));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(onSave.mock.calls[0]?.[0]).toEqual({
      ...DEFAULT_VISITOR_UPLOAD_RULES,
      enabled: true,
      audience: 'MEMBERS',
      allowedTypes: ['video/*', 'nonsense'],
    });
    expect(await screen.findByText('must be a MIME type such as video/* or application/pdf')).toBeTruthy();
    expect(unnamedButtons()).toEqual([]);
  });

  it('keeps the largest file exactly as typed, key by key, and saves its exact bytes in decimal GB', async () => {
    const onSave = vi.fn(async (rules: TypedVisitorRules) => saved(rules));
    renderInWds(
      <VisitorRulesForm
        rules={{ ...DEFAULT_VISITOR_UPLOAD_RULES, maxFileSizeGb: '0.1', maxFileSizeBytes: 100_000_000 }}
        saving={false}
        onSave={onSave}
      />,
    );
    const size = screen.getByLabelText('Largest file (GB)') as HTMLInputElement;
    expect(size.value).toBe('0.1');
    for (const typed of ['', '0', '0.', '0.2', '0.25']) {
      fireEvent.change(size, { target: { value: typed } });
      expect(size.value).toBe(typed);
    }
    fireEvent.click(button('Save rules'));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ maxFileSizeGb: '0.25', maxFileSizeBytes: 250_000_000 });
  });

  it('shows the server’s reason for a size that is not a number, next to the size', async () => {
    const onSave = vi.fn<(rules: TypedVisitorRules) => Promise<SaveRulesResult>>(async () => ({
      ok: false,
      reason: 'Some rules are not valid.',
      violations: [
        {
          field: 'maxFileSizeGb',
          description: 'must be a number of GB, such as 2 or 0.5, with at most 9 decimals',
          violatedRule: 'FORMAT',
        },
      ],
    }));
    renderInWds(<VisitorRulesForm rules={DEFAULT_VISITOR_UPLOAD_RULES} saving={false} onSave={onSave} />);
    fireEvent.change(screen.getByLabelText('Largest file (GB)'), { target: { value: 'lots' } });
    fireEvent.click(button('Save rules'));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ maxFileSizeGb: 'lots', maxFileSizeBytes: undefined });
    expect(await screen.findByText('must be a number of GB, such as 2 or 0.5, with at most 9 decimals')).toBeTruthy();
  });

  it('edits the daily submission limits', async () => {
    const onSave = vi.fn(async (rules: TypedVisitorRules) => saved(rules));
    renderInWds(<VisitorRulesForm rules={DEFAULT_VISITOR_UPLOAD_RULES} saving={false} onSave={onSave} />);
    fireEvent.change(screen.getByLabelText('Submissions per visitor per day'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Submissions per day, all visitors'), { target: { value: '40' } });
    fireEvent.click(button('Save rules'));
    await waitFor(() => expect(onSave).toHaveBeenCalledOnce());
    expect(onSave.mock.calls[0]?.[0]).toMatchObject({ maxSubmissionsPerVisitorPerDay: 3, maxSubmissionsPerDay: 40 });
  });
});

describe('VisitorInbox', () => {
  const NOW = Date.parse('2026-11-22T12:00:00.000Z');
  const submission: SubmissionSummary = {
    id: 's1',
    name: 'Ana Sousa',
    email: 'ana@example.com',
    message: 'Our wedding film',
    handled: false,
    fromMember: false,
    createdDate: '2026-11-22T10:00:00.000Z',
    lastActiveDate: '2026-11-22T11:30:00.000Z',
    files: [
      { fileId: 'f1', name: 'film.mp4', sizeInBytes: String(3e9), mimeType: 'video/mp4', status: 'READY' },
      {
        fileId: 'f2',
        name: 'fake.mp4',
        sizeInBytes: '10',
        mimeType: 'video/mp4',
        status: 'REJECTED',
        reason: "The file's content (image) is not a type accepted here.",
      },
      {
        fileId: 'f3',
        name: 'broken.mov',
        sizeInBytes: '2000',
        mimeType: 'video/quicktime',
        status: 'FAILED',
        reason: 'The file was declared as video/quicktime but its content is not a recognisable video',
      },
    ],
  };
  const abandoned: SubmissionSummary = {
    ...submission,
    id: 's2',
    name: 'Bo Chen',
    createdDate: '2026-11-19T09:00:00.000Z',
    lastActiveDate: '2026-11-19T09:05:00.000Z',
    files: [{ name: 'raw.mp4', sizeInBytes: '5000000', mimeType: 'video/mp4', status: 'UPLOADING' }],
  };

  function props(extra: Partial<VisitorInboxProps> = {}): VisitorInboxProps {
    return {
      submissions: [submission],
      total: 1,
      offset: 0,
      pageSize: 20,
      filter: 'ALL',
      search: '',
      loading: false,
      now: NOW,
      onFilter: vi.fn(),
      onSearch: vi.fn(),
      onPage: vi.fn(),
      onHandled: vi.fn(async () => undefined),
      onDelete: vi.fn(async () => undefined),
      onClose: vi.fn(async () => undefined),
      ...extra,
    };
  }
  const cardOf = (name: string) => screen.getByText(name).closest('[data-hook="inbox-submission"]') as HTMLElement;

  it('shows who sent what, each file with its state and why it failed, and opens ready files only through a link', () => {
    renderInWds(<VisitorInbox {...props()} />);
    const card = cardOf('Ana Sousa');
    expect(within(card).getByText('Our wedding film')).toBeTruthy();
    expect(within(card).getByText('3 GB')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Open film.mp4' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Open fake.mp4' })).toBeNull();
    expect(within(card).getByText("The file's content (image) is not a type accepted here.")).toBeTruthy();
    expect(within(card).getByText('The file was declared as video/quicktime but its content is not a recognisable video')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /^Close/ })).toBeNull();
  });

  it('tells a file the server rejected in the owner’s language by the rule it keeps, and an older file by the server’s sentence', () => {
    const rejected: SubmissionSummary = {
      ...submission,
      files: [
        {
          fileId: 'f9',
          name: 'invoice.html',
          sizeInBytes: '100',
          mimeType: 'application/pdf',
          status: 'REJECTED',
          reason: "The file's name must end in an extension of the types accepted here (.pdf).",
          broken: { rule: 'EXTENSION_NOT_ACCEPTED', extensions: ['pdf'] },
        },
        { name: 'old.mp4', sizeInBytes: '100', mimeType: 'video/mp4', status: 'FAILED', reason: 'A reason from before rules were kept.' },
      ],
    };
    renderInWds(
      <LanguageProvider language="de">
        <VisitorInbox {...props({ submissions: [rejected] })} />
      </LanguageProvider>,
    );
    const card = cardOf('Ana Sousa');
    expect(within(card).getByText('Der Dateiname muss auf eine Endung der hier angenommenen Typen enden (.pdf).')).toBeTruthy();
    expect(within(card).getByText('A reason from before rules were kept.')).toBeTruthy();
  });

  it('marks a submission handled, and deletes one only after asking', async () => {
    const onHandled = vi.fn(async () => undefined);
    const onDelete = vi.fn(async () => undefined);
    renderInWds(<VisitorInbox {...props({ onHandled, onDelete })} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Handled: the submission of Ana Sousa' }));
    expect(onHandled).toHaveBeenCalledExactlyOnceWith('s1', true);
    fireEvent.click(button('Delete the submission of Ana Sousa'));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByText('Delete it and move its files to the trash?')).toBeTruthy();
    fireEvent.click(button('Delete'));
    await waitFor(() => expect(onDelete).toHaveBeenCalledExactlyOnceWith('s1'));
  });

  it('says when a submission still sending was last active, and lets the owner close one gone quiet, after asking', async () => {
    const onClose = vi.fn(async () => undefined);
    renderInWds(<VisitorInbox {...props({ submissions: [submission, abandoned], total: 2, onClose })} />);
    const card = cardOf('Bo Chen');
    expect(within(card).getByText(/^No activity since /)).toBeTruthy();
    expect(within(card).getByText('sending')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Close the submission of Bo Chen' }));
    expect(onClose).not.toHaveBeenCalled();
    expect(within(card).getByText('Close it? Files that have not arrived will be refused.')).toBeTruthy();
    fireEvent.click(within(card).getByRole('button', { name: 'Close it' }));
    await waitFor(() => expect(onClose).toHaveBeenCalledExactlyOnceWith('s2'));

    const recent = { ...abandoned, id: 's3', name: 'Cy Doe', lastActiveDate: '2026-11-22T11:58:00.000Z' };
    cleanup();
    renderInWds(<VisitorInbox {...props({ submissions: [recent], total: 1 })} />);
    expect(within(cardOf('Cy Doe')).getByText(/^Still sending · last active /)).toBeTruthy();
  });

  it('pages the inbox, filters it and searches it', () => {
    const onPage = vi.fn();
    const onFilter = vi.fn();
    const onSearch = vi.fn();
    renderInWds(<VisitorInbox {...props({ total: 45, offset: 20, onPage, onFilter, onSearch })} />);
    expect(screen.getByText('21–21 of 45')).toBeTruthy();
    fireEvent.click(button('Next page'));
    expect(onPage).toHaveBeenLastCalledWith(40);
    fireEvent.click(button('Previous page'));
    expect(onPage).toHaveBeenLastCalledWith(0);
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search submissions' }), { target: { value: 'ana' } });
    expect(onSearch).toHaveBeenLastCalledWith('ana');
    fireEvent.click(screen.getByRole('combobox', { name: 'Show' }));
    fireEvent.click(screen.getByRole('option', { name: 'Handled' }));
    expect(onFilter).toHaveBeenLastCalledWith('HANDLED');
    expect(unnamedButtons()).toEqual([]);
  });

  it('says when nothing matches a search, and when nothing came yet', () => {
    renderInWds(<VisitorInbox {...props({ submissions: [], total: 0, search: 'zz' })} />);
    expect(screen.getByText('No submission matches.')).toBeTruthy();
    cleanup();
    renderInWds(<VisitorInbox {...props({ submissions: [], total: 0 })} />);
    expect(screen.getByText('Nothing received yet.')).toBeTruthy();
  });
});
