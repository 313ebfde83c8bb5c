// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VisitorRulesForm } from '../../src/dashboard/components/VisitorRulesForm.js';
import { VisitorInbox } from '../../src/dashboard/components/VisitorInbox.js';
import { DEFAULT_VISITOR_UPLOAD_RULES, type SaveRulesResult, type SubmissionSummary } from '../../src/shared/visitor-uploads.js';
import { button, renderInWds, unnamedButtons } from './support/ui.js';

vi.mock('../../src/backend/uploads.web', () => ({ getFileDownloadUrl: vi.fn() }));

afterEach(() => cleanup());

describe('VisitorRulesForm', () => {
  it('saves what the owner typed, and shows the server’s reason next to the field', async () => {
    const onSave = vi.fn<(rules: typeof DEFAULT_VISITOR_UPLOAD_RULES) => Promise<SaveRulesResult>>(async () => ({
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
});

describe('VisitorInbox', () => {
  const submission: SubmissionSummary = {
    id: 's1',
    name: 'Ana Sousa',
    email: 'ana@example.com',
    message: 'Our wedding film',
    handled: false,
    fromMember: false,
    createdDate: '2026-11-22T10:00:00.000Z',
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
    ],
  };

  it('shows who sent what, each file with its state, and opens ready files only through a link', () => {
    renderInWds(<VisitorInbox submissions={[submission]} loading={false} onHandled={vi.fn()} onDelete={vi.fn()} />);
    const card = screen.getByText('Ana Sousa').closest('[data-hook="inbox-submission"]') as HTMLElement;
    expect(within(card).getByText('Our wedding film')).toBeTruthy();
    expect(within(card).getByText('3 GB')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Open film.mp4' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Open fake.mp4' })).toBeNull();
    expect(within(card).getByText("The file's content (image) is not a type accepted here.")).toBeTruthy();
  });

  it('marks a submission handled, and deletes one only after asking', async () => {
    const onHandled = vi.fn(async () => undefined);
    const onDelete = vi.fn(async () => undefined);
    renderInWds(<VisitorInbox submissions={[submission]} loading={false} onHandled={onHandled} onDelete={onDelete} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Handled: the submission of Ana Sousa' }));
    expect(onHandled).toHaveBeenCalledExactlyOnceWith('s1', true);
    fireEvent.click(button('Delete the submission of Ana Sousa'));
    expect(onDelete).not.toHaveBeenCalled();
    expect(screen.getByText('Delete it and move its files to the trash?')).toBeTruthy();
    fireEvent.click(button('Delete'));
    await waitFor(() => expect(onDelete).toHaveBeenCalledExactlyOnceWith('s1'));
  });
});
