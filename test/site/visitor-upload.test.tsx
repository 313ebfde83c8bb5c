// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LANGUAGES } from '../../src/i18n/languages.js';
import { CATALOGS, translatorFor } from '../../src/i18n/translator.js';
import { LanguageProvider } from '../../src/i18n/widget-i18n.js';
import { VisitorUpload } from '../../src/site/visitor/VisitorUpload.js';
import type { VisitorMethods } from '../../src/site/visitor/use-visitor-upload.js';
import type { VisitorUploadTerms } from '../../src/policies/visitor-rules-policy.js';

const TERMS: VisitorUploadTerms = {
  enabled: true,
  audience: 'ANYONE',
  allowedTypes: ['video/*'],
  maxFileSizeBytes: 1000,
  maxFilesPerSubmission: 2,
};

/** The server's refusal of a visitor over the daily limit: its English sentence, and the rule it words in other languages. */
const OVER_THE_DAILY_LIMIT = {
  ok: false as const,
  code: 'RATE_LIMITED' as const,
  retryAfterSeconds: 3600,
  reason: 'You can send at most 20 files a day. Try again in 1 h 0 min.',
  broken: { rule: 'DAILY_FILES_OF_VISITOR' as const, max: 20 },
};

type Mocked<T> = { [K in keyof T]: T[K] & ReturnType<typeof vi.fn> };

function methods(overrides: Partial<VisitorMethods> = {}): Mocked<VisitorMethods> {
  return {
    getVisitorUploadTerms: vi.fn(async () => TERMS),
    startVisitorSubmission: vi.fn(async () => ({ ok: true as const, submissionId: 's1', secret: 'secret', terms: TERMS })),
    createVisitorUploadSession: vi.fn(async () => new Promise<never>(() => undefined)),
    recordVisitorUpload: vi.fn(),
    getVisitorUploadStatus: vi.fn(),
    ...overrides,
  } as Mocked<VisitorMethods>;
}

const video = (name: string, size: number) => new File([new Uint8Array(size)], name, { type: 'video/mp4', lastModified: 1 });
const choose = (...files: File[]) => fireEvent.change(screen.getByLabelText('Choose files'), { target: { files } });
const fill = () => {
  fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Ana' } });
  fireEvent.change(screen.getByLabelText('Your e-mail'), { target: { value: 'ana@example.com' } });
};

beforeEach(() => window.localStorage.clear());
afterEach(() => cleanup());

describe('the visitor upload widget', () => {
  it('says what is accepted, and refuses a file of another type or too large before sending anything', async () => {
    const api = methods();
    render(<VisitorUpload methods={api} heading="Send us your footage" />);
    expect(await screen.findByText('Accepted: video/* · up to 1 kB per file · up to 2 files at once.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Send us your footage' })).toBeTruthy();
    choose(video('big.mp4', 2048), new File(['x'], 'notes.txt', { type: 'text/plain' }));
    expect(await screen.findByText('The file is larger than the 1 kB accepted here.')).toBeTruthy();
    expect(screen.getByText(/Files of type text\/plain are not accepted here/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Send files' }) as HTMLButtonElement).disabled).toBe(true);
    expect(api.startVisitorSubmission).not.toHaveBeenCalled();
  });

  it('starts a submission with the details and sends each good file; a third file is over the limit', async () => {
    const api = methods();
    render(<VisitorUpload methods={api} />);
    await screen.findByText(/Accepted:/);
    fill();
    choose(video('a.mp4', 10), video('b.mp4', 10), video('c.mp4', 10));
    expect(await screen.findByText('At most 2 files at once.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send files (2)' }));
    await waitFor(() =>
      expect(api.startVisitorSubmission).toHaveBeenCalledExactlyOnceWith({ name: 'Ana', email: 'ana@example.com', message: '' }, [
        expect.objectContaining({ fileName: 'a.mp4', sizeInBytes: '10' }),
        expect.objectContaining({ fileName: 'b.mp4', sizeInBytes: '10' }),
      ]),
    );
    // A backend that answers no URLs with the submission: each file asks for its own.
    await waitFor(() => expect(api.createVisitorUploadSession).toHaveBeenCalledTimes(2));
    expect(api.createVisitorUploadSession.mock.calls[0]?.[0]).toMatchObject({
      submissionId: 's1',
      secret: 'secret',
      request: { fileName: 'a.mp4' },
    });
    expect(await screen.findByRole('progressbar', { name: 'Progress of a.mp4' })).toBeTruthy();
    // The ticket is kept so that a reload can continue the submission.
    expect(JSON.parse(window.localStorage.getItem('resumable-media-uploader/visitor-submission') ?? '{}')).toEqual({
      submissionId: 's1',
      secret: 'secret',
    });
  });

  it('sends the first files on the upload URLs that came with the submission, without asking for them again', async () => {
    const given = (name: string) => ({ ok: true as const, session: { uploadUrl: `http://127.0.0.1:9/${name}`, uploadToken: name } });
    const api = methods({
      startVisitorSubmission: vi.fn(async () => ({
        ok: true as const,
        submissionId: 's1',
        secret: 'secret',
        terms: TERMS,
        sessions: [given('a'), null],
      })),
    });
    render(<VisitorUpload methods={api} />);
    await screen.findByText(/Accepted:/);
    fill();
    choose(video('a.mp4', 10), video('b.mp4', 10));
    fireEvent.click(screen.getByRole('button', { name: 'Send files (2)' }));
    // a.mp4's URL came with the start; b.mp4's did not, so b.mp4 asks for its own.
    await waitFor(() => expect(api.createVisitorUploadSession).toHaveBeenCalledTimes(1));
    expect(api.createVisitorUploadSession.mock.calls[0]?.[0]).toMatchObject({ request: { fileName: 'b.mp4' } });
  });

  it("shows the server's refusal, e.g. over the daily limit, with when to try again", async () => {
    const api = methods({ startVisitorSubmission: vi.fn(async () => OVER_THE_DAILY_LIMIT) });
    render(<VisitorUpload methods={api} />);
    await screen.findByText(/Accepted:/);
    fill();
    choose(video('a.mp4', 10));
    fireEvent.click(screen.getByRole('button', { name: 'Send files' }));
    expect((await screen.findByRole('alert')).textContent).toBe('You can send at most 20 files a day. Try again in 1 h 0 min.');
    expect(api.createVisitorUploadSession).not.toHaveBeenCalled();
  });

  it('keeps a file over a daily limit to try again later (not refused for good): the wait is said, the submission kept', async () => {
    const rateLimited = {
      ok: false as const,
      code: 'RATE_LIMITED' as const,
      retryAfterSeconds: 5400,
      reason: 'You can send at most 20 files a day. Try again in 1 h 30 min.',
    };
    const createVisitorUploadSession = vi.fn<VisitorMethods['createVisitorUploadSession']>(async () => rateLimited);
    render(<VisitorUpload methods={methods({ createVisitorUploadSession })} />);
    await screen.findByText(/Accepted:/);
    fill();
    choose(video('a.mp4', 10));
    fireEvent.click(screen.getByRole('button', { name: 'Send files' }));
    const file = (await screen.findByText('You can send at most 20 files a day. Try again in 1 h 30 min.')).closest('li')!;
    expect(within(file).getByText('Not sent')).toBeTruthy();
    expect(within(file).getByRole('button', { name: 'Try a.mp4 again' })).toBeTruthy();
    expect(createVisitorUploadSession).toHaveBeenCalledOnce();
    // Not the end of the submission: its ticket stays, so trying again continues it.
    expect(JSON.parse(window.localStorage.getItem('resumable-media-uploader/visitor-submission') ?? '{}')).toEqual({
      submissionId: 's1',
      secret: 'secret',
    });
  });

  it('tells the largest file in the words the owner typed, and refuses a file one byte over it', async () => {
    const terms = { ...TERMS, maxFileSizeBytes: 100_000_000, maxFileSizeGb: '0.1' };
    render(<VisitorUpload methods={methods({ getVisitorUploadTerms: vi.fn(async () => terms) })} />);
    expect(await screen.findByText('Accepted: video/* · up to 0.1 GB per file · up to 2 files at once.')).toBeTruthy();
    const over = video('over.mp4', 0);
    Object.defineProperty(over, 'size', { value: 100_000_001 });
    choose(over);
    expect(await screen.findByText('The file is larger than the 0.1 GB accepted here.')).toBeTruthy();
  });

  it('with members-only rules, says so first with a way to log in, and shows the form once logged in', async () => {
    const getVisitorUploadTerms = vi
      .fn<VisitorMethods['getVisitorUploadTerms']>()
      .mockResolvedValueOnce({ ...TERMS, audience: 'MEMBERS', loginNeeded: true })
      .mockResolvedValue({ ...TERMS, audience: 'MEMBERS', loginNeeded: false });
    const login = vi.fn(async () => undefined);
    render(<VisitorUpload methods={methods({ getVisitorUploadTerms })} login={login} />);
    expect(await screen.findByText('Only members of this site can send files.')).toBeTruthy();
    expect(screen.queryByLabelText('Your name')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(login).toHaveBeenCalledOnce();
    expect(await screen.findByLabelText('Your name')).toBeTruthy();
    expect(getVisitorUploadTerms).toHaveBeenCalledTimes(2);
  });

  it('stays on the members-only notice when the visitor closes the login without logging in', async () => {
    const getVisitorUploadTerms = vi.fn(async () => ({ ...TERMS, audience: 'MEMBERS' as const, loginNeeded: true }));
    const login = vi.fn(async () => Promise.reject(new Error('cancelled')));
    render(<VisitorUpload methods={methods({ getVisitorUploadTerms })} login={login} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Log in' }));
    await waitFor(() => expect(login).toHaveBeenCalledOnce());
    expect(await screen.findByText('Only members of this site can send files.')).toBeTruthy();
    expect(screen.queryByLabelText('Your name')).toBeNull();
  });

  it('warns before leaving while files are on their way', async () => {
    render(<VisitorUpload methods={methods()} />);
    await screen.findByText(/Accepted:/);
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    fill();
    choose(video('a.mp4', 10));
    fireEvent.click(screen.getByRole('button', { name: 'Send files' }));
    expect(await screen.findByRole('progressbar', { name: 'Progress of a.mp4' })).toBeTruthy();
    expect(leave()).toBe(true);
  });

  it('ends with what became of every file: the ones left out before sending and the ones not sent, then lets the visitor send more', async () => {
    const api = methods({
      createVisitorUploadSession: vi.fn(async () => ({
        ok: false as const,
        code: 'NOT_ALLOWED' as const,
        reason: 'The upload was refused.',
      })),
    });
    render(<VisitorUpload methods={api} />);
    await screen.findByText(/Accepted:/);
    fill();
    choose(video('a.mp4', 10), new File(['x'], 'notes.txt', { type: 'text/plain' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send files' }));
    const ending = await screen.findByText('None of your 2 files could be received.');
    expect(ending.closest('[role="status"]')).toBeTruthy();
    expect(screen.getByText('The upload was refused.')).toBeTruthy();
    const leftOut = screen.getByText('notes.txt').closest('li')!;
    expect(within(leftOut).getByText(/Files of type text\/plain are not accepted here/)).toBeTruthy();
    expect(screen.queryByText('Thank you: we have received your files.')).toBeNull();
    expect(screen.queryByText(/If this page closes/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send more files' }));
    expect(((await screen.findByLabelText('Your name')) as HTMLInputElement).value).toBe('Ana');
    expect(screen.queryByText('a.mp4')).toBeNull();
    expect(screen.queryByText('notes.txt')).toBeNull();
  });

  it('names its drop zone by the words it shows, so speech users can say what they see', async () => {
    render(<VisitorUpload methods={methods()} />);
    const zone = await screen.findByRole('button', { name: 'Choose files, or drop them here' });
    expect(zone.textContent).toBe('Choose files, or drop them here');
  });

  it('says when files are not accepted at all', async () => {
    render(<VisitorUpload methods={methods({ getVisitorUploadTerms: vi.fn(async () => ({ ...TERMS, enabled: false })) })} />);
    expect(await screen.findByText('Files are not being accepted right now.')).toBeTruthy();
    expect(screen.queryByLabelText('Choose files')).toBeNull();
  });

  it('ignores an accent that is not a colour, and puts dark text on a light accent so the button stays readable', async () => {
    const { container, unmount } = render(<VisitorUpload methods={methods()} accentColor="notacolour" />);
    await screen.findByText(/Accepted:/);
    const root = () => container.querySelector('[data-hook="visitor-upload"]') as HTMLElement;
    expect(root().style.getPropertyValue('--rmu-accent')).toBe('');
    unmount();

    const light = render(<VisitorUpload methods={methods()} accentColor="#ffe066" />);
    await screen.findByText(/Accepted:/);
    const lightRoot = light.container.querySelector('[data-hook="visitor-upload"]') as HTMLElement;
    expect(lightRoot.style.getPropertyValue('--rmu-accent')).toBe('#ffe066');
    expect(lightRoot.style.getPropertyValue('--rmu-on-accent')).toBe('#000');
  });

  it('follows the owner’s wording and accent colour', async () => {
    const { container } = render(
      <VisitorUpload methods={methods()} buttonLabel="Upload footage" accentColor="rebeccapurple" intro="Hi!" />,
    );
    expect(await screen.findByText('Hi!')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Upload footage' })).toBeTruthy();
    expect((container.querySelector('[data-hook="visitor-upload"]') as HTMLElement).style.getPropertyValue('--rmu-accent')).toBe(
      'rebeccapurple',
    );
  });
});

/** A key of any catalog group shown as it is written (`widget.heading`): what i18next shows for a key it has no words for. */
const RAW_KEY = new RegExp(`(^|[^\\w.])(${Object.keys(CATALOGS.en).join('|')})\\.[A-Za-z]`);

/** Every word the widget shows or names: its text, and its controls' names and hints. */
function shownWords(): string[] {
  const attributes = [...document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap((node) =>
    ['aria-label', 'placeholder', 'title', 'alt'].map((name) => node.getAttribute(name) ?? ''),
  );
  return [document.body.textContent ?? '', ...attributes];
}

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
      const api = methods({ startVisitorSubmission: vi.fn(async () => OVER_THE_DAILY_LIMIT) });
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
