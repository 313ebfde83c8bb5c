// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages';
import { CATALOGS, translatorFor } from '../../src/i18n/translator';
import { LanguageProvider } from '../../src/i18n/widget-i18n';
import { VisitorUpload } from '../../src/site/visitor/VisitorUpload';
import type { VisitorMethods } from '../../src/site/visitor/use-visitor-upload';
import type { VisitorUploadTerms } from '../../src/policies/visitor-rules-policy';

const TERMS: VisitorUploadTerms = {
  enabled: true,
  audience: 'ANYONE',
  allowedTypes: ['video/*'],
  maxFileSizeBytes: 1000,
  maxFilesPerSubmission: 2,
};

function methods(overrides: Partial<VisitorMethods> = {}): VisitorMethods {
  return {
    getVisitorUploadTerms: vi.fn(async () => TERMS),
    startVisitorSubmission: vi.fn(async () => ({ ok: true as const, submissionId: 's1', secret: 'secret', terms: TERMS })),
    createVisitorUploadSession: vi.fn(async () => new Promise<never>(() => undefined)),
    recordVisitorUpload: vi.fn(),
    getVisitorUploadStatus: vi.fn(),
    ...overrides,
  };
}

const video = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'video/mp4', lastModified: 1 });

/** A key of any catalog group shown as it is written (`widget.heading`): what i18next shows for a key it has no words for. */
const RAW_KEY = new RegExp(`(^|[^\\w.])(${Object.keys(CATALOGS.en).join('|')})\\.[A-Za-z]`);

/** Every word the widget shows or names: its text, and its controls' names and hints. */
function shownWords(): string[] {
  const attributes = [...document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap((node) =>
    ['aria-label', 'placeholder', 'title', 'alt'].map((name) => node.getAttribute(name) ?? ''),
  );
  return [document.body.textContent ?? '', ...attributes];
}

beforeEach(() => window.localStorage.clear());
afterEach(() => cleanup());

describe('the visitor upload widget in every language, from its own catalogs', () => {
  describe.each(LANGUAGES)('%s', (language) => {
    // The whole catalogs (the dashboard's): the widget's words must be the same.
    const t = translatorFor(language);
    const inLanguage = (ui: React.ReactElement) => render(<LanguageProvider language={language}>{ui}</LanguageProvider>);
    const fillAndChoose = (...files: File[]) => {
      fireEvent.change(screen.getByLabelText(t('widget.yourName')), { target: { value: 'Ana' } });
      fireEvent.change(screen.getByLabelText(t('widget.yourEmail')), { target: { value: 'ana@example.com' } });
      fireEvent.change(screen.getByLabelText(t('widget.chooseFiles')), { target: { files } });
    };
    const noRawKeys = () => expect(shownWords().filter((words) => RAW_KEY.test(words))).toEqual([]);

    it('shows the form, the files chosen and why some stay behind, then a refusal of the server', async () => {
      const api = methods({
        startVisitorSubmission: vi.fn(async () => ({
          ok: false as const,
          code: 'RATE_LIMITED' as const,
          retryAfterSeconds: 3600,
          reason: 'You can send at most 20 files a day. Try again in 1 h 0 min.',
          broken: { rule: 'DAILY_FILES_OF_VISITOR' as const, max: 20 },
        })),
      });
      const { container } = inLanguage(<VisitorUpload methods={api} />);
      expect(await screen.findByRole('heading', { name: t('widget.heading') })).toBeTruthy();
      expect(container.querySelector('[data-hook="visitor-upload"]')?.getAttribute('dir')).toBe(language === 'he' ? 'rtl' : 'ltr');
      fillAndChoose(video('a.mp4', 10), video('big.mp4', 2048), new File(['x'], 'notes.txt', { type: 'text/plain' }));
      expect(await screen.findByRole('button', { name: t('widget.removeNamed', { name: 'notes.txt' }) })).toBeTruthy();
      expect(container.querySelectorAll('[data-hook="visitor-chosen"]')).toHaveLength(3);
      expect(container.querySelectorAll('[data-hook="visitor-file-problem"]')).toHaveLength(2);
      noRawKeys();

      fireEvent.click(screen.getByRole('button', { name: t('widget.buttonLabel') }));
      const refusal = await screen.findByRole('alert');
      if (language !== 'en') expect(refusal.textContent).toContain(t('broken.DAILY_FILES_OF_VISITOR', { count: 20 }));
      noRawKeys();
    });

    it('shows the files on their way, and the end of a submission the server refused', async () => {
      const sending = inLanguage(<VisitorUpload methods={methods()} />);
      await screen.findByRole('heading', { name: t('widget.heading') });
      fillAndChoose(video('a.mp4', 10), video('b.mp4', 10));
      fireEvent.click(screen.getByRole('button', { name: t('widget.sendCount', { label: t('widget.buttonLabel'), count: 2 }) }));
      expect(await screen.findByRole('progressbar', { name: t('widget.progressOf', { name: 'a.mp4' }) })).toBeTruthy();
      noRawKeys();
      sending.unmount();

      const refused = methods({
        createVisitorUploadSession: vi.fn(async () => ({
          ok: false as const,
          code: 'NOT_ALLOWED' as const,
          reason: 'Files of type video/mp4 are not accepted here.',
          broken: { rule: 'TYPE_NOT_ACCEPTED' as const, mimeType: 'video/mp4', accepted: ['image/*'] },
        })),
      });
      inLanguage(<VisitorUpload methods={refused} />);
      await screen.findByRole('heading', { name: t('widget.heading') });
      fillAndChoose(video('a.mp4', 10));
      fireEvent.click(screen.getByRole('button', { name: t('widget.buttonLabel') }));
      expect(await screen.findByText(t('widget.noneReceivedOne'))).toBeTruthy();
      expect(screen.getByRole('button', { name: t('widget.sendMore') })).toBeTruthy();
      noRawKeys();
    });

    it('asks a visitor to log in, and says when files are not accepted', async () => {
      const membersOnly = vi.fn(async () => ({ ...TERMS, audience: 'MEMBERS' as const, loginNeeded: true }));
      const login = inLanguage(<VisitorUpload methods={methods({ getVisitorUploadTerms: membersOnly })} login={async () => undefined} />);
      expect(await screen.findByRole('button', { name: t('widget.logIn') })).toBeTruthy();
      noRawKeys();
      login.unmount();

      inLanguage(<VisitorUpload methods={methods({ getVisitorUploadTerms: vi.fn(async () => ({ ...TERMS, enabled: false })) })} />);
      expect(await screen.findByText(t('widget.closed'))).toBeTruthy();
      noRawKeys();
    });
  });

  it('shows a key it has no words for as it is written, which the checks above look for', () => {
    const { container } = render(<p>{translatorFor('de')('widget.noSuchKey')}</p>);
    expect(RAW_KEY.test(container.textContent ?? '')).toBe(true);
  });
});
