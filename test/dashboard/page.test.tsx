// @vitest-environment jsdom
import React from 'react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FieldViolation } from '../../src/shared/refusals.js';
import type {
  AppSetupResult,
  CreateUploadSessionResult,
  DestinationFolderQuery,
  FinalizedUpload,
  FindExistingFilesResult,
  FolderSummary,
  ImportFromLinksResult,
  LinkImport,
  ListFoldersResult,
  RecordUploadResult,
  UploadSessionRequest,
  UploadStatusReport,
  UploadStatusResult,
} from '../../src/shared/upload-methods.js';
import { RESUME_KEY_PREFIX } from '../../src/upload-engine/resume/local-storage-resume-store.js';
import { resolveUploadMeta, resumeRecordFor, sourceFromFile } from '../../src/upload-engine/index.js';
import { isDisabled, unnamedButtons } from './support/ui.js';
import { fakeDirectory, fakeFile } from './support/fake-entries.js';

const web = vi.hoisted(() => ({
  createUploadSession: vi.fn<(request: UploadSessionRequest) => Promise<CreateUploadSessionResult>>(),
  recordUpload: vi.fn<(upload: FinalizedUpload) => Promise<RecordUploadResult>>(),
  getUploadStatus: vi.fn(async (_fileIds: string[]): Promise<UploadStatusResult> => ({ ok: true, reports: [], unknownFileIds: [] })),
  listRecentUploads: vi.fn(async (_limit?: number): Promise<UploadStatusReport[]> => []),
  listFolders: vi.fn(async (_parentFolderId?: string): Promise<ListFoldersResult> => ({ ok: true, folders: [] })),
  getFileDownloadUrl: vi.fn(),
  finalizeUploadFromServer: vi.fn(),
  getAppSetup: vi.fn(async (): Promise<AppSetupResult> => ({ ok: true })),
  discardArrivedCopy: vi.fn(),
  findUploadedFile: vi.fn(),
  importFromLinks: vi.fn<(links: LinkImport[]) => Promise<ImportFromLinksResult>>(),
  createFolderPath: vi.fn(async (_parentFolderId: string | undefined, filePath: string) => ({ ok: true, folderId: `folder${filePath}` })),
  findExistingFiles: vi.fn<(destinations: DestinationFolderQuery[]) => Promise<FindExistingFilesResult>>(),
}));
const showToast = vi.hoisted(() => vi.fn());

vi.mock('../../src/backend/uploads.web', () => web);
vi.mock('@wix/dashboard', () => ({ dashboard: { showToast } }));

const { default: DashboardPage } = await import('../../src/dashboard/pages/page.js');

const FOLDERS: FolderSummary[] = [
  { id: 'folder-videos', displayName: 'Videos', parentFolderId: 'media-root' },
  { id: 'folder-photos', displayName: 'Photos', parentFolderId: 'media-root' },
];
const LAST_MODIFIED = 1_700_000_000_000;
const clip = () => new File(['0123456789'], 'clip.mp4', { type: 'video/mp4', lastModified: LAST_MODIFIED });

beforeEach(() => {
  window.localStorage.clear();
  web.getAppSetup.mockResolvedValue({ ok: true });
  web.listFolders.mockResolvedValue({ ok: true, folders: FOLDERS });
  web.listRecentUploads.mockResolvedValue([]);
  web.createUploadSession.mockResolvedValue({ ok: true, session: { uploadUrl: 'https://upload.test/upload/tus', uploadToken: 'token-1' } });
  web.recordUpload.mockResolvedValue({ ok: true, report: { fileId: 'file-1', status: 'PENDING' } });
  web.findExistingFiles.mockImplementation(async (destinations) => ({
    ok: true,
    folders: destinations.map(() => ({ exists: true, listedAll: true, existing: [] })),
  }));
});

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

async function renderPage() {
  const result = render(<DashboardPage />);
  await screen.findByText('Drop files or whole folders here');
  await screen.findByText('Nothing uploaded yet.');
  return result;
}

function choose(...files: File[]) {
  fireEvent.change(screen.getByLabelText('Choose files'), { target: { files } });
}

describe('the Upload page', () => {
  it("imports from links with the upload settings, keeps the lines that are not links with why, and shows Wix's reason", async () => {
    web.importFromLinks.mockImplementation(async (links) => ({
      ok: true,
      imports: links.map((link, index) =>
        index === 0
          ? { ok: true, report: { fileId: 'file-linked', status: 'PENDING', displayName: link.displayName } }
          : { ok: false, code: 'NOT_IMPORTED', reason: 'Wix could not reach the link' },
      ),
    }));
    web.getUploadStatus.mockResolvedValue({
      ok: true,
      reports: [{ fileId: 'file-linked', status: 'READY', sizeInBytes: '2500000', url: 'https://static.test/linked.mp4' }],
      unknownFileIds: [],
    });
    await renderPage();
    fireEvent.change(screen.getByLabelText('New subfolders'), { target: { value: 'clients/2026' } });
    const field = screen.getByLabelText('Links, one per line');
    fireEvent.change(field, {
      target: { value: 'https://files.example.com/shoot/day%201/clip.mp4\nftp://example.com/a.mp4\n\nhttps://cdn.example.org/b.mov' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Import from links' }));

    expect(web.importFromLinks).toHaveBeenCalledTimes(1);
    expect(web.importFromLinks.mock.calls[0]![0]).toEqual([
      expect.objectContaining({
        url: 'https://files.example.com/shoot/day%201/clip.mp4',
        displayName: 'clip.mp4',
        filePath: '/clients/2026',
      }),
      expect.objectContaining({ url: 'https://cdn.example.org/b.mov', displayName: 'b.mov' }),
    ]);
    expect((field as HTMLTextAreaElement).value).toBe('ftp://example.com/a.mp4');
    expect(screen.getByText(/The link must start with https:\/\/ or http:\/\//)).toBeTruthy();
    expect(await screen.findByText('Wix could not reach the link')).toBeTruthy();
    expect(await screen.findByText('2.5 MB imported by Wix', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getAllByText('from files.example.com').length).toBeGreaterThan(0);
    expect(web.createUploadSession).not.toHaveBeenCalled();
  });

  it("says plainly what is wrong when the app's collections are not on the site, and calls nothing that would fail", async () => {
    const reason =
      "None of the app's collections exist on this site (looked for @ns/upload-log). Either the site has no CMS, or APP_NAMESPACE is wrong.";
    web.getAppSetup.mockResolvedValue({ ok: false, reason, missingCollections: ['@ns/upload-log'] });
    render(<DashboardPage />);
    const notice = await screen.findByRole('alert');
    expect(within(notice).getByText('The app is not set up on this site')).toBeTruthy();
    expect(within(notice).getByText(reason)).toBeTruthy();
    expect(screen.queryByText('Drop files or whole folders here')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(web.listRecentUploads).not.toHaveBeenCalled();
  });

  it('loads the folders and the recent uploads, and names every button', async () => {
    await renderPage();
    expect(web.listRecentUploads).toHaveBeenCalledWith(20);
    expect(web.listFolders).toHaveBeenCalledExactlyOnceWith('media-root');
    const destination = screen.getByRole('combobox', { name: 'Destination folder' });
    await waitFor(() => expect(isDisabled(destination)).toBe(false));
    fireEvent.click(destination);
    const options = await screen.findAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Videos', 'Photos']);
    expect(unnamedButtons()).toEqual([]);
  });

  it('stages a picked file with the current settings, and refuses a display name that is too long', async () => {
    await renderPage();
    fireEvent.change(screen.getByRole('textbox', { name: 'New subfolders (optional)' }), { target: { value: 'videos/2024' } });
    choose(clip());

    const name = (await screen.findByRole('textbox', { name: 'Display name of clip.mp4' })) as HTMLInputElement;
    expect(name.value).toBe('clip.mp4');
    expect(screen.getByText('Files to upload (1)')).toBeTruthy();
    const row = name.closest('tr')!;
    expect(within(row).getByText('Media Manager / videos/2024')).toBeTruthy();
    expect(await within(row).findByText('Ready')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Upload 1 file' }))).toBe(false);

    fireEvent.change(name, { target: { value: 'n'.repeat(256) } });
    expect(await screen.findByText('The file name must be at most 255 characters long (got 256).')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Upload 0 files' }))).toBe(true);

    fireEvent.change(name, { target: { value: 'n'.repeat(255) } });
    await waitFor(() => expect(screen.queryByText(/The file name must be at most/)).toBeNull());
    expect(isDisabled(await screen.findByRole('button', { name: 'Upload 1 file' }))).toBe(false);
    expect(unnamedButtons()).toEqual([]);
  });

  it('works where the browser refuses storage, and says uploads cannot be continued after a reload', async () => {
    const blocked = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    try {
      await renderPage();
      expect(screen.getByText('Uploads cannot be continued after a reload in this browser')).toBeTruthy();
      choose(clip());
      fireEvent.click(await screen.findByRole('button', { name: /^Upload 1 file/ }));
      await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1));
    } finally {
      blocked.mockRestore();
    }
  });

  it('shows why the folders or the recent uploads could not be loaded, instead of an empty list', async () => {
    web.listFolders.mockResolvedValue({ ok: false, reason: 'The folder does not exist in the Media Manager' });
    web.listRecentUploads.mockRejectedValue(new Error('The upload log could not be read'));
    render(<DashboardPage />);
    expect(await screen.findByText('The folder does not exist in the Media Manager', undefined, { timeout: 5000 })).toBeTruthy();
    expect(await screen.findByText('The upload log could not be read', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByText('Nothing uploaded yet.')).toBeNull();
  });

  it('gets the session of a staged file ready while the list is looked at, and sends with it on Upload', async () => {
    await renderPage();
    choose(clip());
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1));
    expect(web.createUploadSession.mock.calls[0]?.[0]).toMatchObject({ fileName: 'clip.mp4', sizeInBytes: '10' });
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 1 file' }));
    expect(await screen.findByText('Uploads (1)')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(web.createUploadSession).toHaveBeenCalledTimes(1);
  });

  it('asks once per batch which staged files are already in their folder; a skipped one is never sent, a copy is', async () => {
    const uploaded = new Date(new Date().getFullYear(), 10, 3, 12).toISOString();
    web.findExistingFiles.mockImplementation(async (destinations) => ({
      ok: true,
      folders: destinations.map((destination) => ({
        exists: true,
        listedAll: true,
        existing: destination.files
          .filter((file) => file.displayName !== 'new.mp4')
          .map((file) => ({ ...file, fileId: `id-${file.displayName}`, createdDate: uploaded })),
      })),
    }));
    await renderPage();
    fireEvent.change(screen.getByRole('textbox', { name: 'New subfolders (optional)' }), { target: { value: 'clients/2026' } });
    const file = (name: string) => new File(['0123456789'], name, { type: 'video/mp4', lastModified: LAST_MODIFIED });
    choose(clip(), file('again.mp4'), file('new.mp4'));

    expect(await screen.findAllByText('Already in 2026: 10 B, uploaded Nov 3', {}, { timeout: 3000 })).toHaveLength(2);
    expect(web.findExistingFiles).toHaveBeenCalledTimes(1);
    expect(web.findExistingFiles.mock.calls[0]![0]).toEqual([
      {
        parentFolderId: 'media-root',
        filePath: '/clients/2026',
        files: [
          { displayName: 'clip.mp4', sizeInBytes: '10' },
          { displayName: 'again.mp4', sizeInBytes: '10' },
          { displayName: 'new.mp4', sizeInBytes: '10' },
        ],
      },
    ]);
    // Only new.mp4's session is got ready: nothing is prepared for a file that may be skipped.
    // Handed to the queue in a task after the check's answer: a loaded machine takes more than a second.
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(web.createUploadSession.mock.calls[0]![0]).toMatchObject({ fileName: 'new.mp4' });

    fireEvent.click(screen.getByRole('button', { name: 'Skip clip.mp4: it is already in the Media Manager' }));
    fireEvent.click(screen.getByRole('button', { name: 'Upload again.mp4 as a copy' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 2 files' }));
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(2));
    expect(web.createUploadSession.mock.calls.map(([request]) => request.fileName).sort()).toEqual(['again.mp4', 'new.mp4']);
    expect(screen.queryByRole('textbox', { name: 'Display name of clip.mp4' })).toBeNull();
    expect(web.findExistingFiles).toHaveBeenCalledTimes(1);
  });

  it('says when a folder holds more files than the check reads: a file not among them is sent, the page saying it was not checked', async () => {
    web.findExistingFiles.mockImplementation(async () => ({
      ok: true,
      folders: [{ exists: true, listedAll: false, existing: [{ fileId: 'id-clip', displayName: 'clip.mp4', sizeInBytes: '10' }] }],
    }));
    await renderPage();
    choose(clip(), new File(['01234'], 'new.mp4', { type: 'video/mp4', lastModified: LAST_MODIFIED }));
    expect(await screen.findByText('Ready (not checked: over 10,000 files in its folder)', {}, { timeout: 3000 })).toBeTruthy();
    expect(screen.getAllByText(/^Already in/)).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Skip clip.mp4: it is already in the Media Manager' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 1 file' }));
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1));
    expect(web.createUploadSession.mock.calls[0]![0]).toMatchObject({ fileName: 'new.mp4' });
  });

  it('takes Upload while the check is on its way: a new file goes once checked, one already there waits for a choice', async () => {
    let answer: (result: FindExistingFilesResult) => void = () => undefined;
    web.findExistingFiles.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await renderPage();
    choose(clip(), new File(['01234'], 'new.mp4', { type: 'video/mp4', lastModified: LAST_MODIFIED }));
    await waitFor(() => expect(web.findExistingFiles).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));
    expect(web.createUploadSession).not.toHaveBeenCalled();
    answer({
      ok: true,
      folders: [{ exists: true, listedAll: true, existing: [{ fileId: 'id-clip', displayName: 'clip.mp4', sizeInBytes: '10' }] }],
    });
    // Handed to the queue in a task after the check's answer: a loaded machine takes more than a second.
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    expect(web.createUploadSession.mock.calls[0]![0]).toMatchObject({ fileName: 'new.mp4' });
    expect(await screen.findByRole('button', { name: 'Skip clip.mp4: it is already in the Media Manager' })).toBeTruthy();
  });

  it('sends files as new, saying they were not checked, when the Media Manager cannot be asked', async () => {
    web.findExistingFiles.mockRejectedValue(new Error('network'));
    await renderPage();
    choose(clip());
    expect(await screen.findByText('Ready (not checked for duplicates: the Media Manager did not answer)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload 1 file' }));
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalled());
  });

  it('refuses the same file chosen twice', async () => {
    await renderPage();
    choose(clip());
    choose(clip());
    expect(await screen.findByText('This file is already in the list, going to the same folder.')).toBeTruthy();
    expect(screen.getByText('Files to upload (2)')).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Upload 1 file' })).toBeTruthy();
  });

  it('sends a file to the queue, shows the server’s refusal, toasts the end of the batch, and retries under a fixed name', async () => {
    const violations: FieldViolation[] = [{ field: 'fileName', description: 'is already used in this folder', violatedRule: 'FORMAT' }];
    web.createUploadSession.mockResolvedValue({
      ok: false,
      code: 'INVALID_REQUEST',
      reason: 'The file name is already used in this folder.',
      violations,
    });
    await renderPage();
    choose(clip());
    fireEvent.change(await screen.findByRole('textbox', { name: 'Display name of clip.mp4' }), { target: { value: 'Holiday.mp4' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 1 file' }));

    expect(await screen.findByText('The file name is already used in this folder.')).toBeTruthy();
    // A session prepared while the file was still named clip.mp4 (a slow machine lets the 300 ms pass) is not used. One
    // prepared under its new name while its check for duplicates was on its way was refused, and is asked again when sent.
    const asked = web.createUploadSession.mock.calls.filter(([request]) => request.fileName !== 'clip.mp4');
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(asked.length).toBeLessThanOrEqual(2);
    for (const [request] of asked) expect(request.fileName).toBe('Holiday.mp4');
    expect(asked[0]![0]).toEqual({
      mimeType: 'video/mp4',
      fileName: 'Holiday.mp4',
      sizeInBytes: '10',
      parentFolderId: 'media-root',
      private: false,
    });
    expect(screen.queryByText(/Files to upload/)).toBeNull();
    expect(screen.getByText('Uploads (1)')).toBeTruthy();
    const failedName = screen.getByRole('textbox', { name: 'Name of clip.mp4, used when it is tried again' }) as HTMLInputElement;
    expect(failedName.value).toBe('Holiday.mp4');
    const row = failedName.closest('tr')!;
    expect(within(row).getByText('Failed')).toBeTruthy();
    await waitFor(() =>
      expect(showToast).toHaveBeenCalledExactlyOnceWith({ message: '0 ready, 1 not sent: see the reasons in the list', type: 'warning' }),
    );
    await waitFor(() => expect(web.listRecentUploads).toHaveBeenCalledTimes(2));
    // The batch may have created folders: the destination picker reads them again.
    await waitFor(() => expect(web.listFolders).toHaveBeenCalledTimes(2));
    expect(unnamedButtons()).toEqual([]);

    fireEvent.change(failedName, { target: { value: 'Holiday 2.mp4' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Retry Holiday.mp4' }));
    await waitFor(() => expect(web.createUploadSession.mock.calls.at(-1)?.[0]).toMatchObject({ fileName: 'Holiday 2.mp4' }));
    expect(web.createUploadSession.mock.calls.filter(([request]) => request.fileName === 'Holiday 2.mp4')).toHaveLength(1);
  });

  it('asks to re-select an unfinished upload, and continues it with the metadata it was started with', async () => {
    const source = sourceFromFile(clip());
    const meta = resolveUploadMeta(source, {
      displayName: 'Started as.mp4',
      parentFolderId: 'folder-videos',
      filePath: '/videos',
      labels: ['trip'],
      private: true,
    });
    const record = resumeRecordFor(
      source,
      meta,
      { uploadUrl: 'https://upload.test/upload/tus', uploadToken: 'token-0' },
      'https://upload.test/upload/tus/abc',
      1,
    );
    window.localStorage.setItem(RESUME_KEY_PREFIX + record.fingerprint, JSON.stringify(record));

    await renderPage();
    expect(screen.getByText('1 upload can be continued')).toBeTruthy();
    expect(
      screen.getByText(
        (_, node) =>
          node?.getAttribute('data-hook') === 'unfinished-upload' && node.textContent === 'clip.mp4: 0 B of 10 B uploaded (0%)Forget',
      ),
    ).toBeTruthy();

    choose(clip());
    const name = (await screen.findByRole('textbox', { name: 'Display name of clip.mp4' })) as HTMLInputElement;
    expect(name.value).toBe('Started as.mp4');
    expect(name.disabled).toBe(true);
    expect(screen.getByText('Continues the upload started before')).toBeTruthy();
    // Its destination is the one it was started with, not the settings of the form.
    expect(within(name.closest('tr')!).getByText('Media Manager / Videos / videos · private · trip')).toBeTruthy();
  });

  it('brings the queue into view and moves focus to it when Upload is clicked', async () => {
    web.createUploadSession.mockReturnValue(new Promise(() => undefined));
    await renderPage();
    choose(clip());
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 1 file' }));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-hook')).toBe('queue-heading'));
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Uploads: 1 file');
  });

  /** Drops these entries on the page's drop zone, as Chromium gives a dropped folder. */
  function drop(...entries: FileSystemEntry[]) {
    const dataTransfer = {
      items: entries.map((entry) => ({ kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entry })),
      files: [],
      types: ['Files'],
    };
    fireEvent.drop(document.querySelector('[data-hook="file-dropzone"] > div')!, { dataTransfer });
  }
  const video = (name: string, content = '0123456789') => new File([content], name, { type: 'video/mp4', lastModified: LAST_MODIFIED });
  const rowOf = (name: string) =>
    screen.getByRole('textbox', { name: `Display name of ${name}` }).closest('[data-hook="staged-row"]') as HTMLElement;

  it('stages a dropped folder by its names before any size is read; sizes, their checks and Upload follow', async () => {
    let readSizes: (value?: unknown) => void = () => undefined;
    const sizesRead = new Promise((resolve) => (readSizes = resolve));
    const huge = video('huge.mp4');
    Object.defineProperty(huge, 'size', { value: 10 * 1024 ** 4 });
    const entries = [
      fakeFile(video('a.mp4'), undefined, { metadataWhen: sizesRead }),
      fakeFile(huge, undefined, { metadataWhen: sizesRead }),
    ];
    await renderPage();
    drop(fakeDirectory('Shoot', [[fakeDirectory('day 1', [entries, []])], []]));

    // Every row, with its folders, before its size is known; Upload takes them already.
    expect(await screen.findByText('Files to upload (2)')).toBeTruthy();
    expect(within(rowOf('a.mp4')).getByText('Media Manager / Shoot/day 1')).toBeTruthy();
    expect(within(rowOf('a.mp4')).getByText('Reading…')).toBeTruthy();
    expect(within(rowOf('huge.mp4')).getByText('Checked once its size is read')).toBeTruthy();
    expect(screen.getByText(/^Reading the files’ sizes: 0 of 2\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));
    expect(await screen.findByText('2 files go to the queue as they are read and checked.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(web.findExistingFiles).not.toHaveBeenCalled();
    expect(web.createUploadSession).not.toHaveBeenCalled();
    expect(entries.map((entry) => entry.opened())).toEqual([0, 0]);

    readSizes();
    // The sizes come in one batch: the size check refuses the huge one, the duplicate check asks once for the other.
    await waitFor(() => expect(within(rowOf('a.mp4')).getByText('10 B')).toBeTruthy());
    expect(within(rowOf('huge.mp4')).getByText(/^The file is 11 TB; files up to/)).toBeTruthy();
    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1));
    expect(web.findExistingFiles).toHaveBeenCalledTimes(1);
    expect(web.findExistingFiles.mock.calls[0]![0]).toEqual([
      { parentFolderId: 'media-root', filePath: '/Shoot/day 1', files: [{ displayName: 'a.mp4', sizeInBytes: '10' }] },
    ]);
    expect(web.createUploadSession.mock.calls[0]![0]).toMatchObject({ fileName: 'a.mp4', sizeInBytes: '10', mimeType: 'video/mp4' });
    // Only the file sent was opened.
    expect(entries.map((entry) => entry.opened())).toEqual([1, 0]);
    expect(screen.queryByText(/Reading the files’ sizes/)).toBeNull();
    expect(screen.queryByText(/go to the queue as they are read/)).toBeNull();
  });

  it('says on its row why a dropped file that vanished before it was sent cannot be, and sends the others', async () => {
    const gone = fakeFile(video('gone.mp4'), undefined, {
      openError: new DOMException('A requested file could not be found', 'NotFoundError'),
    });
    await renderPage();
    drop(fakeDirectory('Shoot', [[gone, fakeFile(video('kept.mp4', '01234'))], []]));
    expect(await screen.findAllByText('Ready', {}, { timeout: 3000 })).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Upload 2 files' }));

    await waitFor(() => expect(web.createUploadSession).toHaveBeenCalledTimes(1));
    expect(web.createUploadSession.mock.calls[0]![0]).toMatchObject({ fileName: 'kept.mp4' });
    expect(await within(rowOf('gone.mp4')).findByText('Not sent: moved or deleted since added')).toBeTruthy();
    expect(screen.getByText('Files to upload (1)')).toBeTruthy();
    expect(isDisabled(screen.getByRole('button', { name: 'Upload 0 files' }))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(web.createUploadSession).toHaveBeenCalledTimes(1);
  });

  /** Hundreds of files staged, opened and drawn take seconds in jsdom on a loaded machine. */
  const SLOW_MS = 30_000;
  /** A dropped folder of `count` files, read 100 entries a call as Chromium does; files from `lateFrom` on open once `opened` settles. */
  function archive(count: number, lateFrom = count, opened: Promise<unknown> = Promise.resolve()) {
    const files = Array.from({ length: count }, (_, i) =>
      fakeFile(video(`clip-${String(i).padStart(4, '0')}.mp4`), undefined, i >= lateFrom ? { openWhen: opened } : {}),
    );
    const batches: FileSystemEntry[][] = [];
    for (let i = 0; i < files.length; i += 100) batches.push(files.slice(i, i + 100));
    return { files, folder: fakeDirectory('Archive', [...batches, []]) };
  }
  const sessionNames = () => web.createUploadSession.mock.calls.map(([request]) => request.fileName);
  const queueCounts = () => document.querySelector('[data-hook="queue-counts"]')?.textContent ?? '';
  /** Drops the folder and clicks Upload once every file of it is sized and checked. */
  async function dropAndUpload(folder: FileSystemEntry, count: number) {
    await renderPage();
    drop(folder);
    const upload = await screen.findByRole('button', { name: `Upload ${count} files` }, { timeout: SLOW_MS });
    await waitFor(() => expect(isDisabled(upload)).toBe(false), { timeout: SLOW_MS });
    fireEvent.click(upload);
  }
  /** 400 files dropped and Upload clicked: the first 300 open and are listed, the rest open once `openTheRest` is called. */
  async function uploadWhileTheLastOpen() {
    let openTheRest: (value?: unknown) => void = () => undefined;
    const rest = new Promise((resolve) => (openTheRest = resolve));
    await dropAndUpload(archive(400, 300, rest).folder, 400);
    expect(await screen.findByText('Uploads (300)', {}, { timeout: SLOW_MS })).toBeTruthy();
    return openTheRest;
  }

  it('hands a dropped folder of hundreds of files to the queue in the list’s order, its progress counted per folder', async () => {
    web.createUploadSession.mockImplementation(() => new Promise(() => undefined)); // the first files wait for their sessions
    const { files, folder } = archive(600);
    await dropAndUpload(folder, 600);

    expect(await screen.findByText('Uploads (600)', {}, { timeout: SLOW_MS })).toBeTruthy();
    expect(screen.queryByText(/Files to upload/)).toBeNull();
    expect(files.map((file) => file.opened())).toEqual(files.map(() => 1));
    await waitFor(() => expect(sessionNames().length).toBeGreaterThanOrEqual(3), { timeout: SLOW_MS });
    expect(sessionNames().slice(0, 3)).toEqual(['clip-0000.mp4', 'clip-0001.mp4', 'clip-0002.mp4']);
    expect(document.querySelector('[data-hook="folder-progress"]')?.textContent).toMatch(/Archive/);
    expect(queueCounts()).toMatch(/3 uploading · 597 queued/);
  }, 120_000);

  it('Cancel all while a dropped folder is still being opened and added: no file of it reaches the queue afterwards', async () => {
    web.createUploadSession.mockImplementation(() => new Promise(() => undefined));
    const openTheRest = await uploadWhileTheLastOpen();

    fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }));
    await waitFor(() => expect(queueCounts()).toMatch(/0 uploading · 0 queued/), { timeout: SLOW_MS });
    openTheRest();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(screen.getByText('Uploads (300)')).toBeTruthy();
    expect(queueCounts()).toMatch(/0 uploading · 0 queued · 0 paused/);
    expect(sessionNames().filter((name) => Number(/\d+/.exec(name ?? '')?.[0]) >= 300)).toEqual([]);
  }, 120_000);

  it('Pause all while a dropped folder is still being added: the files that come later come paused', async () => {
    web.createUploadSession.mockImplementation(() => new Promise(() => undefined));
    const openTheRest = await uploadWhileTheLastOpen();

    fireEvent.click(screen.getByRole('button', { name: 'Pause all' }));
    openTheRest();
    expect(await screen.findByText('Uploads (400)', {}, { timeout: SLOW_MS })).toBeTruthy();
    await waitFor(() => expect(queueCounts()).toMatch(/0 uploading · 0 queued · 400 paused/), { timeout: SLOW_MS });
  }, 120_000);

  it('adds files pasted on the page, like dropped ones', async () => {
    await renderPage();
    fireEvent.paste(document, { clipboardData: { files: [clip()] } });
    expect(((await screen.findByRole('textbox', { name: 'Display name of clip.mp4' })) as HTMLInputElement).value).toBe('clip.mp4');
  });

  it('asks before the tab is closed while files are being sent, and not otherwise', async () => {
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    web.createUploadSession.mockReturnValue(new Promise(() => undefined));
    await renderPage();
    expect(leave()).toBe(false);
    choose(clip());
    fireEvent.click(await screen.findByRole('button', { name: 'Upload 1 file' }));
    await waitFor(() => expect(leave()).toBe(true));
    fireEvent.click(await screen.findByRole('button', { name: 'Pause clip.mp4' }));
    await waitFor(() => expect(leave()).toBe(false));
  });

  it('forgets an unfinished upload once the owner confirms: the record goes and the banner with it', async () => {
    const source = sourceFromFile(clip());
    const record = resumeRecordFor(
      source,
      resolveUploadMeta(source, {}),
      { uploadUrl: 'https://upload.test/upload/tus', uploadToken: 't' },
      undefined,
      1,
    );
    window.localStorage.setItem(RESUME_KEY_PREFIX + record.fingerprint, JSON.stringify({ ...record, bytesOnServer: 5 }));
    await renderPage();
    expect(screen.getByText('clip.mp4', { selector: 'strong' }).parentElement?.textContent).toBe('clip.mp4: 5 B of 10 B uploaded (50%)');
    fireEvent.click(screen.getByRole('button', { name: 'Forget clip.mp4: delete what was uploaded' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Forget upload' }));
    await waitFor(() => expect(screen.queryByText('1 upload can be continued')).toBeNull());
    expect(window.localStorage.getItem(RESUME_KEY_PREFIX + record.fingerprint)).toBeNull();
  });
});
