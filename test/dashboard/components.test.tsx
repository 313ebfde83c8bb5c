// @vitest-environment jsdom
/**
 * The dashboard's components, rendered in the page's WDS provider (one file: each test file pays
 * for loading WDS in its own worker).
 */
import React, { useState } from 'react';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UploadQueueTable } from '../../src/dashboard/components/UploadQueueTable.js';
import { QueueSummary } from '../../src/dashboard/components/QueueSummary.js';
import { QueueAnnouncer } from '../../src/dashboard/components/QueueAnnouncer.js';
import { StagedFilesTable } from '../../src/dashboard/components/StagedFilesTable.js';
import { UploadSettingsForm } from '../../src/dashboard/components/UploadSettingsForm.js';
import { FileDropzone } from '../../src/dashboard/components/FileDropzone.js';
import { UnfinishedUploads } from '../../src/dashboard/components/UnfinishedUploads.js';
import { CancelConfirmation } from '../../src/dashboard/components/CancelConfirmation.js';
import {
  chooseUploadAsCopy,
  problemsOf,
  rename,
  stageFiles,
  type ExistingFileCheck,
  type StagedFile,
  type UploadSettings,
} from '../../src/dashboard/staging.js';
import type { AddedFile, PickedFile } from '../../src/dashboard/files/picked-files.js';
import type { FileDownloadLink, FolderSummary, ListFoldersResult } from '../../src/shared/upload-methods.js';
import { MEDIA_ROOT_FOLDER_ID } from '../../src/shared/media-folders.js';
import {
  resolveUploadMeta,
  resumeRecordFor,
  uploadFingerprint,
  type ResumeRecord,
  type UploadItem,
  type UploadItemState,
} from '../../src/upload-engine/index.js';
import { button, fakeQueue, isDisabled, renderInWds, snapshotOf, unnamedButtons, uploadItem } from './support/ui.js';
import { fakeDirectory, fakeFile, fileIn } from './support/fake-entries.js';
import { settings, openedSource } from './support/settings.js';

const web = vi.hoisted(() => ({
  getFileDownloadUrl: vi.fn<(fileId: string) => Promise<FileDownloadLink>>(),
  listFolders: vi.fn<(parentFolderId?: string) => Promise<ListFoldersResult>>(),
}));
vi.mock('../../src/dashboard/owner-methods', () => web);

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function queueRowOf(displayName: string): HTMLElement {
  // A failed file's name is an input, to fix it before a retry.
  const row = (screen.queryByText(displayName) ?? screen.getByDisplayValue(displayName)).closest('tr');
  if (!row) throw new Error(`no row for ${displayName}`);
  return row;
}

const actionNames = (row: HTMLElement) =>
  within(row)
    .queryAllByRole('button')
    .map((b) => b.getAttribute('aria-label') ?? b.textContent);

describe('UploadQueueTable', () => {
  const expected: Array<[UploadItemState, string, string[]]> = [
    ['queued', 'Queued', ['Pause', 'Cancel']],
    ['uploading', 'Uploading', ['Pause', 'Cancel']],
    ['paused', 'Paused', ['Resume', 'Cancel']],
    ['finalizing', 'Finalizing', []],
    ['processing', 'Processing', []],
    ['ready', 'Ready', []],
    ['failed', 'Failed', ['Retry', 'Cancel']],
    ['cancelled', 'Cancelled', ['Retry']],
    // Every byte arrived and the Media Manager refused it: sending it again cannot help.
    ['refused', 'Refused', ['Remove']],
  ];

  it.each(expected)('a %s file shows "%s" and the actions %j', (state, label, actions) => {
    const { fake, queue } = fakeQueue();
    const item = uploadItem(state, { displayName: `clip-${state}.mp4` });
    renderInWds(<UploadQueueTable items={[item]} queue={queue} />);
    const row = queueRowOf(`clip-${state}.mp4`);
    expect(within(row).getByText(label)).toBeTruthy();
    const actionButtons = actions.map((action) => within(row).getByRole('button', { name: `${action} clip-${state}.mp4` }));
    expect(actionNames(row)).toEqual(actions.map((action) => `${action} clip-${state}.mp4`));

    for (const actionButton of actionButtons) fireEvent.click(actionButton);
    const calls = { Pause: fake.pause, Resume: fake.resume, Retry: fake.retry, Cancel: fake.cancel, Remove: fake.remove };
    for (const [action, spy] of Object.entries(calls)) {
      // A retry carries the name typed in the row (none here).
      const args = action === 'Retry' ? [item.id, { displayName: undefined }] : [item.id];
      if (actions.includes(action)) expect(spy).toHaveBeenCalledExactlyOnceWith(...args);
      else expect(spy).not.toHaveBeenCalled();
    }
  });

  it('shows every state in one table, each row with its own label and buttons, all named', () => {
    const { queue } = fakeQueue();
    const items = expected.map(([state]) => uploadItem(state, { displayName: `all-${state}.mp4` }));
    const { container } = renderInWds(<UploadQueueTable items={items} queue={queue} />);
    expect(container.querySelectorAll('[data-hook="queue-row"]')).toHaveLength(9);
    for (const [state, label] of expected) expect(within(queueRowOf(`all-${state}.mp4`)).getByText(label)).toBeTruthy();
    expect(unnamedButtons()).toEqual([]);
  });

  it('says a file paused for the network waits until back online, in a badge that is one word', () => {
    const { queue } = fakeQueue();
    renderInWds(
      <UploadQueueTable
        items={[
          uploadItem('paused', { displayName: 'net.mp4', pauseReason: 'offline' }),
          uploadItem('paused', { displayName: 'me.mp4', pauseReason: 'user' }),
        ]}
        queue={queue}
      />,
    );
    expect(within(queueRowOf('net.mp4')).getByText('Paused')).toBeTruthy();
    expect(within(queueRowOf('net.mp4')).getByText('until back online')).toBeTruthy();
    expect(within(queueRowOf('me.mp4')).getByText('Paused')).toBeTruthy();
    expect(within(queueRowOf('me.mp4')).queryByText('until back online')).toBeNull();
  });

  it("tells a file that was not sent from one the Media Manager refused, with the Media Manager's description first", () => {
    const { queue } = fakeQueue();
    const processing = uploadItem('refused', {
      displayName: 'broken.jpg',
      failureCode: 'IMAGE_DECODE',
      failureDescription: 'The image could not be decoded',
      error: { code: 'PROCESSING_FAILED', message: 'Processing failed', fatal: true },
    });
    const refused = uploadItem('failed', {
      displayName: 'refused.mp4',
      error: { code: 'INVALID_REQUEST', message: 'The file name must be at most 200 characters long (got 201).', fatal: true },
    });
    renderInWds(<UploadQueueTable items={[processing, refused]} queue={queue} />);
    expect(within(queueRowOf('broken.jpg')).getByText('The image could not be decoded')).toBeTruthy();
    expect(within(queueRowOf('broken.jpg')).queryByText('Processing failed')).toBeNull();
    expect(within(queueRowOf('broken.jpg')).getByText('all bytes arrived')).toBeTruthy();
    expect(within(queueRowOf('refused.mp4')).getByText('not sent')).toBeTruthy();
    expect(within(queueRowOf('refused.mp4')).getByText('The file name must be at most 200 characters long (got 201).')).toBeTruthy();
  });

  it('opens and copies a private file only through a fresh temporary link, and says the link expires', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const signed = 'https://media.example/download/token-1';
    web.getFileDownloadUrl.mockResolvedValue({ ok: true, url: signed, expiresAt: '2030-01-01T00:00:00.000Z' });
    const tab = { close: vi.fn(), opener: {}, location: { href: '' } };
    const open = vi.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    const { queue } = fakeQueue();
    const ready = uploadItem('ready', {
      displayName: 'contract.pdf',
      fileId: 'abc_contract.pdf',
      url: 'https://media.example/media/abc_contract.pdf',
      thumbnailUrl: 'https://media.example/media/abc_contract.pdf',
      bytesUploaded: 1024,
      meta: { displayName: 'contract.pdf', mimeType: 'application/pdf', private: true },
    });
    renderInWds(<UploadQueueTable items={[ready]} queue={queue} />);
    const row = queueRowOf('contract.pdf');
    expect(within(row).queryByRole('link')).toBeNull();
    expect(within(row).queryByRole('img')).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Open contract.pdf' }));
    await waitFor(() => expect(tab.location.href).toBe(signed));
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Copy link to contract.pdf (expires in 60 minutes)' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(signed));
    expect(await within(row).findByText('Copied: expires in 60 min')).toBeTruthy();
    expect(web.getFileDownloadUrl).toHaveBeenCalledWith('abc_contract.pdf');

    web.getFileDownloadUrl.mockResolvedValue({ ok: false, reason: 'The file is no longer in the Media Manager' });
    fireEvent.click(within(row).getByRole('button', { name: 'Open contract.pdf' }));
    expect(await within(row).findByText('The file is no longer in the Media Manager')).toBeTruthy();
    expect(tab.close).toHaveBeenCalled();
  });

  it('offers Open and Copy URL for a ready file, and copies the URL', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const { queue } = fakeQueue();
    const url = 'https://static.wixstatic.com/media/abc_clip.mp4';
    const ready = uploadItem('ready', {
      displayName: 'done.mp4',
      fileId: 'abc_clip.mp4',
      url,
      thumbnailUrl: 'https://static.wixstatic.com/thumb.jpg',
      bytesUploaded: 1024,
    });
    renderInWds(<UploadQueueTable items={[ready]} queue={queue} />);
    const row = queueRowOf('done.mp4');
    const open = within(row).getByRole('link', { name: 'Open done.mp4' });
    expect(open.getAttribute('href')).toBe(url);
    expect(open.getAttribute('target')).toBe('_blank');
    expect(open.getAttribute('rel')).toContain('noreferrer');
    expect(within(row).getByRole('img', { name: 'Thumbnail of done.mp4' })).toBeTruthy();

    fireEvent.click(within(row).getByRole('button', { name: 'Copy URL of done.mp4' }));
    expect(writeText).toHaveBeenCalledWith(url);
    expect(await within(row).findByText('Copied')).toBeTruthy();
  });

  it('shows no link for a ready file without a URL', () => {
    const { queue } = fakeQueue();
    renderInWds(<UploadQueueTable items={[uploadItem('ready', { displayName: 'nourl.mp4' })]} queue={queue} />);
    expect(within(queueRowOf('nourl.mp4')).queryByRole('link')).toBeNull();
  });

  it('says a ready file was verified: what arrived has the md5 of the file chosen', () => {
    const { queue } = fakeQueue();
    renderInWds(<UploadQueueTable items={[uploadItem('ready', { displayName: 'film.mp4', size: 2000, verified: true })]} queue={queue} />);
    expect(within(queueRowOf('film.mp4')).getByText('2 kB · verified')).toBeTruthy();
  });

  it('shows only the columns and actions a page asks for', () => {
    const { queue } = fakeQueue();
    renderInWds(
      <UploadQueueTable
        items={[uploadItem('uploading', { displayName: 'few.mp4' })]}
        queue={queue}
        columns={['progress', 'actions']}
        actions={['pause']}
      />,
    );
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['File', 'Progress', 'Actions']);
    expect(actionNames(queueRowOf('few.mp4'))).toEqual(['Pause few.mp4']);
  });

  it('shows progress, speed and time left of an uploading file', () => {
    const { queue } = fakeQueue();
    const item = uploadItem('uploading', {
      displayName: 'big.mp4',
      size: 4e9,
      bytesUploaded: 1e9,
      bytesPerSecond: 2e6,
      secondsLeft: 1536,
      resumed: true,
    });
    renderInWds(<UploadQueueTable items={[item]} queue={queue} />);
    const row = queueRowOf('big.mp4');
    expect(within(row).getByText('1 GB of 4 GB (25%)')).toBeTruthy();
    expect(within(row).getByText('2 MB/s · 25 min 36 s left')).toBeTruthy();
    expect(within(row).getByText('4 GB · resumed')).toBeTruthy();
    expect(within(row).getByRole('progressbar', { name: 'Progress of big.mp4' }).getAttribute('aria-valuenow')).toBe('25');
  });

  it('virtualizes a long queue and still renders its first rows', () => {
    const { queue } = fakeQueue();
    const items = Array.from({ length: 40 }, (_, i) => uploadItem('queued', { displayName: `many-${i}.mp4` }));
    const { container } = renderInWds(<UploadQueueTable items={items} queue={queue} />);
    const rows = container.querySelectorAll('[data-hook="queue-row"]');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(40);
    expect(within(queueRowOf('many-0.mp4')).getByRole('button', { name: 'Pause many-0.mp4' })).toBeTruthy();
  });

  it('counts an empty file as done', () => {
    const { queue } = fakeQueue();
    renderInWds(<UploadQueueTable items={[uploadItem('finalizing', { displayName: 'empty.txt', size: 0 })]} queue={queue} />);
    expect(within(queueRowOf('empty.txt')).getByText('0 B of 0 B (100%)')).toBeTruthy();
  });
});

describe('UploadQueueTable on a phone', () => {
  // A 375 px window (jsdom has no matchMedia): the phone's media query matches, and so does the narrow one.
  beforeEach(() => {
    Object.defineProperty(window, 'matchMedia', {
      configurable: true,
      value: (media: string) => ({ matches: true, media, addEventListener: vi.fn(), removeEventListener: vi.fn() }),
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(window, 'matchMedia');
  });

  it("stacks each file in one cell, its name, progress, state and reason, and puts the file's actions in a menu", async () => {
    const { fake, queue } = fakeQueue();
    const refused = uploadItem('refused', {
      displayName: 'broken.png',
      bytesUploaded: 1000,
      failureDescription: 'The image could not be decoded',
      error: { code: 'PROCESSING_FAILED', message: 'The image could not be decoded', fatal: true },
    });
    const sending = uploadItem('uploading', { displayName: 'film.mp4', bytesUploaded: 0 });
    renderInWds(<UploadQueueTable items={[refused, sending]} queue={queue} />);
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Files']);
    const row = queueRowOf('broken.png');
    expect(within(row).getByText('Refused')).toBeTruthy();
    expect(within(row).getByText('The image could not be decoded')).toBeTruthy();
    expect(within(row).getByRole('progressbar', { name: 'Progress of broken.png' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Remove broken.png' })).toBeNull();

    fireEvent.click(within(row).getByRole('button', { name: 'Actions for broken.png' }));
    fireEvent.click(await screen.findByText('Remove'));
    expect(fake.remove).toHaveBeenCalledExactlyOnceWith(refused.id);

    fireEvent.click(within(queueRowOf('film.mp4')).getByRole('button', { name: 'Actions for film.mp4' }));
    expect(await screen.findByText('Pause')).toBeTruthy();
    fireEvent.click(screen.getByText('Cancel'));
    expect(fake.cancel).toHaveBeenCalledExactlyOnceWith(sending.id);
  });
});

describe('QueueSummary', () => {
  const names = ['Pause all', 'Resume all', 'Retry failed', 'Cancel all', 'Clear finished'] as const;
  const enabled = () => names.filter((name) => !isDisabled(button(name)));

  it('disables every action when there is nothing to act on', () => {
    const { queue } = fakeQueue();
    renderInWds(<QueueSummary snapshot={snapshotOf([])} queue={queue} />);
    expect(enabled()).toEqual([]);
    // Disabled actions are not tab stops (WDS would keep them focusable).
    expect(names.map((name) => button(name).tabIndex)).toEqual(names.map(() => -1));
    expect(screen.getByText(/0 ready · 0 uploading · 0 queued · 0 paused · 0 processing ·\s+0 failed/)).toBeTruthy();
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });

  it('after a batch with failures, says what was asked, what arrived and what was not sent; no full bar', () => {
    const { queue } = fakeQueue();
    const items = [
      uploadItem('ready', { bytesUploaded: 1000 }),
      uploadItem('ready', { bytesUploaded: 1000 }),
      uploadItem('failed', { bytesUploaded: 300, error: { code: 'REJECTED', message: 'refused', fatal: true } }),
      uploadItem('cancelled', { bytesUploaded: 0 }),
    ];
    const { container } = renderInWds(<QueueSummary snapshot={snapshotOf(items)} queue={queue} />);
    expect(container.querySelector('[data-hook="overall-bytes"]')?.textContent).toBe('2 kB of 4 kB · 2 files not sent (2 kB)');
    expect(screen.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow')).toBe('50');
  });

  it('says apart files not sent and files the Media Manager refused after they arrived; refused ones can be cleared, not retried', () => {
    const { fake, queue } = fakeQueue();
    const refused = {
      failureDescription: 'The bytes are not a video/mp4',
      error: { code: 'PROCESSING_FAILED', message: 'The bytes are not a video/mp4', fatal: true },
    } as const;
    const items = [
      uploadItem('ready', { bytesUploaded: 1000 }),
      uploadItem('refused', { bytesUploaded: 1000, ...refused }),
      uploadItem('refused', { bytesUploaded: 1000, ...refused }),
      uploadItem('failed', { bytesUploaded: 0, error: { code: 'INVALID_REQUEST', message: 'bad name', fatal: true } }),
    ];
    const { container } = renderInWds(<QueueSummary snapshot={snapshotOf(items)} queue={queue} />);
    expect(container.querySelector('[data-hook="queue-counts"]')?.textContent).toBe(
      '1 ready · 0 uploading · 0 queued · 0 paused · 0 processing · 1 failed · 2 refused',
    );
    expect(container.querySelector('[data-hook="overall-bytes"]')?.textContent).toBe(
      '3 kB of 4 kB · 1 file not sent (1 kB) · 2 files refused by the Media Manager',
    );
    expect(enabled()).toEqual(['Clear finished']);
    fireEvent.click(button('Clear finished'));
    expect(fake.clearFinished).toHaveBeenCalledOnce();
  });

  it('counts the files by state and enables the actions that apply', () => {
    const { fake, queue } = fakeQueue();
    const items = [
      uploadItem('ready', { bytesUploaded: 1000 }),
      uploadItem('ready', { bytesUploaded: 1000 }),
      uploadItem('uploading', { bytesUploaded: 500 }),
      uploadItem('queued'),
      uploadItem('paused', { pauseReason: 'user' }),
      uploadItem('processing', { bytesUploaded: 1000 }),
      uploadItem('failed', { error: { code: 'NETWORK', message: 'broken', fatal: false } }),
    ];
    const { container } = renderInWds(<QueueSummary snapshot={snapshotOf(items, { bytesPerSecond: 1000 })} queue={queue} />);
    expect(container.querySelector('[data-hook="queue-counts"]')?.textContent).toBe(
      '2 ready · 1 uploading · 1 queued · 1 paused · 1 processing · 1 failed',
    );
    // What was asked counts every file; what failed is said apart: 7 files of 1 kB, 3.5 kB of them sent.
    expect(container.querySelector('[data-hook="overall-bytes"]')?.textContent).toBe(
      '3.5 kB of 7 kB · 1 file not sent (1 kB) · 1 kB/s · 3 s left',
    );
    expect(enabled()).toEqual([...names]);
    expect(names.map((name) => button(name).tabIndex)).toEqual(names.map(() => 0));

    fireEvent.click(button('Pause all'));
    fireEvent.click(button('Resume all'));
    fireEvent.click(button('Retry failed'));
    fireEvent.click(button('Cancel all'));
    fireEvent.click(button('Clear finished'));
    for (const spy of [fake.pauseAll, fake.resumeAll, fake.retryFailed, fake.cancelAll, fake.clearFinished])
      expect(spy).toHaveBeenCalledTimes(1);
    expect(unnamedButtons()).toEqual([]);
  });

  const transient = { code: 'NETWORK', message: 'broken', fatal: false } as const;
  const fatal = { code: 'INVALID_REQUEST', message: 'bad name', fatal: true } as const;
  it.each<[string, () => UploadItem[], string[]]>([
    ['only files the user paused', () => [uploadItem('paused', { pauseReason: 'user' })], ['Resume all', 'Cancel all']],
    ['only files paused for the network', () => [uploadItem('paused', { pauseReason: 'offline' })], ['Cancel all']],
    ['only failed files that a retry can help', () => [uploadItem('failed', { error: transient })], ['Retry failed']],
    ['only failed files that need a change first', () => [uploadItem('failed', { error: fatal })], []],
    ['only finished files', () => [uploadItem('ready'), uploadItem('cancelled')], ['Clear finished']],
    ['only files the Media Manager refused', () => [uploadItem('refused')], ['Clear finished']],
    ['files being finalized', () => [uploadItem('finalizing')], []],
    ['files in the Media Manager’s hands', () => [uploadItem('processing')], []],
  ])('with %s, enables %j', (_name, items, expectedEnabled) => {
    const { fake, queue } = fakeQueue();
    renderInWds(<QueueSummary snapshot={snapshotOf(items())} queue={queue} />);
    expect(enabled()).toEqual(expectedEnabled);
    for (const name of names) fireEvent.click(button(name));
    const spies = {
      'Pause all': fake.pauseAll,
      'Resume all': fake.resumeAll,
      'Retry failed': fake.retryFailed,
      'Cancel all': fake.cancelAll,
      'Clear finished': fake.clearFinished,
    };
    for (const [name, spy] of Object.entries(spies)) expect(spy).toHaveBeenCalledTimes(expectedEnabled.includes(name) ? 1 : 0);
  });

  it('says when the browser is offline', () => {
    const { queue } = fakeQueue();
    renderInWds(
      <QueueSummary snapshot={snapshotOf([uploadItem('paused', { pauseReason: 'offline' })], { online: false })} queue={queue} />,
    );
    expect(screen.getByText('You are offline: uploads are paused and continue when the connection is back.')).toBeTruthy();
  });

  it('changes how many files upload at a time', () => {
    const { fake, queue } = fakeQueue();
    renderInWds(<QueueSummary snapshot={snapshotOf([uploadItem('queued')], { concurrency: 3 })} queue={queue} />);
    const input = screen.getByRole('textbox', { name: 'Files at a time' }) as HTMLInputElement;
    expect(input.value).toBe('3');
    fireEvent.change(input, { target: { value: '5' } });
    expect(fake.setConcurrency).toHaveBeenLastCalledWith(5);
    fireEvent.change(input, { target: { value: '' } });
    expect(fake.setConcurrency).toHaveBeenCalledTimes(1);
  });

  it('refuses a number of files at a time out of its range, saying the range', () => {
    const { fake, queue } = fakeQueue();
    renderInWds(<QueueSummary snapshot={snapshotOf([uploadItem('queued')], { concurrency: 3 })} queue={queue} />);
    const input = screen.getByRole('textbox', { name: 'Files at a time' }) as HTMLInputElement;
    for (const value of ['0', '9', '40']) {
      fireEvent.change(input, { target: { value } });
      expect(screen.getByText('From 1 to 6')).toBeTruthy();
    }
    expect(fake.setConcurrency).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '2' } });
    expect(screen.queryByText('From 1 to 6')).toBeNull();
    expect(fake.setConcurrency).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('asks before cancelling a failed upload that sent bytes, offering what can continue it (not Pause)', async () => {
    const { fake, queue } = fakeQueue();
    const failed = uploadItem('failed', {
      displayName: 'cut.mp4',
      bytesUploaded: 500,
      error: { code: 'NETWORK', message: 'The upload server could not be reached', fatal: false },
    });
    renderInWds(
      <CancelConfirmation>
        <UploadQueueTable items={[failed]} queue={queue} />
      </CancelConfirmation>,
    );
    fireEvent.click(button('Cancel cut.mp4'));
    const question = await screen.findByText(/500 B of "cut.mp4" already reached the Media Manager/);
    expect(question.textContent).not.toMatch(/Pause/);
    expect(question.textContent).toMatch(/Retry continues it/);
    fireEvent.click(button('Keep it'));
    await waitFor(() => expect(screen.queryByText('Cancel this upload?')).toBeNull());
    expect(fake.cancel).not.toHaveBeenCalled();
  });

  it('asks before cancelling uploads that sent bytes; Keep uploading cancels nothing', async () => {
    const { fake, queue } = fakeQueue();
    const started = uploadItem('uploading', { displayName: 'film.mp4', bytesUploaded: 512 });
    const fresh = uploadItem('queued', { displayName: 'new.mp4' });
    renderInWds(
      <CancelConfirmation>
        <QueueSummary snapshot={snapshotOf([started, fresh])} queue={queue} />
        <UploadQueueTable items={[started, fresh]} queue={queue} />
      </CancelConfirmation>,
    );
    fireEvent.click(button('Cancel new.mp4'));
    expect(fake.cancel).toHaveBeenCalledExactlyOnceWith(fresh.id);

    fireEvent.click(button('Cancel film.mp4'));
    expect(await screen.findByText('Cancel this upload?')).toBeTruthy();
    expect(screen.getByText(/512 B of "film.mp4" already reached the Media Manager/)).toBeTruthy();
    fireEvent.click(button('Keep uploading'));
    await waitFor(() => expect(screen.queryByText('Cancel this upload?')).toBeNull());
    expect(fake.cancel).toHaveBeenCalledTimes(1);

    fireEvent.click(button('Cancel all'));
    expect(await screen.findByText('Cancel 2 uploads?')).toBeTruthy();
    fireEvent.click(button('Cancel upload'));
    await waitFor(() => expect(fake.cancelAll).toHaveBeenCalledOnce());
  });
});

describe('QueueAnnouncer', () => {
  const region = () => {
    const element = document.querySelector<HTMLElement>('[data-hook="queue-announcer"]');
    if (!element) throw new Error('no live region');
    return element;
  };

  it('announces state changes and failures in a status live region, not repeated while nothing changes', async () => {
    const queued = uploadItem('queued', { displayName: 'clip.mp4', size: 1000 });
    const { rerender } = renderInWds(<QueueAnnouncer snapshot={snapshotOf([queued])} />);
    expect(region().getAttribute('role')).toBe('status');
    expect(screen.getByRole('status')).toBe(region());
    await waitFor(() => expect(region().textContent).toBe('clip.mp4: queued'));

    const uploading: UploadItem = { ...queued, state: 'uploading', bytesUploaded: 100 };
    rerender(<QueueAnnouncer snapshot={snapshotOf([uploading])} />);
    await waitFor(() => expect(region().textContent).toBe('clip.mp4: uploading'));

    // Progress inside the same quarter is not announced.
    rerender(<QueueAnnouncer snapshot={snapshotOf([{ ...uploading, bytesUploaded: 200 }])} />);
    expect(region().textContent).toBe('clip.mp4: uploading');

    rerender(<QueueAnnouncer snapshot={snapshotOf([{ ...uploading, bytesUploaded: 520 }])} />);
    await waitFor(() => expect(region().textContent).toBe('Overall 50% uploaded'));

    const failed: UploadItem = {
      ...uploading,
      state: 'failed',
      error: { code: 'REJECTED', message: 'The server refused the file', fatal: true },
    };
    rerender(<QueueAnnouncer snapshot={snapshotOf([failed])} />);
    await waitFor(() => expect(region().textContent).toBe('clip.mp4: failed (not sent), The server refused the file'));
  });

  it('announces "paused (until back online)" and at most the last five news at once', async () => {
    const items = Array.from({ length: 7 }, (_, i) => uploadItem('paused', { displayName: `f${i}.mp4`, pauseReason: 'offline' }));
    renderInWds(<QueueAnnouncer snapshot={snapshotOf(items)} />);
    await waitFor(() =>
      expect(region().textContent).toBe(
        'f2.mp4: paused (until back online). f3.mp4: paused (until back online). f4.mp4: paused (until back online). f5.mp4: paused (until back online). f6.mp4: paused (until back online)',
      ),
    );
  });

  it('says nothing for an empty queue', async () => {
    renderInWds(<QueueAnnouncer snapshot={snapshotOf([])} />);
    await act(async () => undefined);
    expect(region().textContent).toBe('');
  });
});

const FOLDERS: FolderSummary[] = [
  { id: 'folder-videos', displayName: 'Videos', parentFolderId: MEDIA_ROOT_FOLDER_ID },
  { id: 'folder-photos', displayName: 'Photos', parentFolderId: MEDIA_ROOT_FOLDER_ID },
];

const picked = (name: string, folderPath = '', size = 2048): PickedFile => ({
  file: new File(['x'.repeat(size)], name, { type: 'video/mp4', lastModified: 1_700_000_000_000 }),
  folderPath,
});

function stagedRowOf(fileName: string): HTMLElement {
  const row = screen.getByRole('textbox', { name: `Display name of ${fileName}` }).closest('tr');
  if (!row) throw new Error(`no row for ${fileName}`);
  return row;
}

describe('StagedFilesTable', () => {
  function renderTable(
    staged: StagedFile[],
    extra: { selectedIds?: string[]; queued?: Set<string>; max?: number; existing?: Map<string, ExistingFileCheck> } = {},
  ) {
    const handlers = { onSelectionChanged: vi.fn(), onRename: vi.fn(), onRemove: vi.fn(), onUploadAsCopies: vi.fn(), onStart: vi.fn() };
    const problems = problemsOf(staged, extra.queued ?? new Set(), extra.max ?? 1024 ** 3);
    const result = renderInWds(
      <StagedFilesTable
        staged={staged}
        problems={problems}
        existing={extra.existing ?? new Map()}
        folders={FOLDERS}
        selectedIds={extra.selectedIds ?? []}
        {...handlers}
      />,
    );
    return { ...handlers, ...result };
  }

  it('lists the files with destination, size and check; the Upload button counts the files that pass', () => {
    const staged = [
      ...stageFiles([picked('a.mp4')], settings(), []),
      ...stageFiles(
        [picked('b.jpg', 'Shoot/day 1')],
        settings({
          parentFolderId: 'folder-videos',
          destination: [FOLDERS[0]!],
          filePath: 'videos/2024',
          labels: ['trip', 'sea'],
          private: true,
        }),
        [],
      ),
    ];
    const { container } = renderTable(staged);
    expect(screen.getByText('Files to upload (2)')).toBeTruthy();
    expect(container.querySelectorAll('[data-hook="staged-row"]')).toHaveLength(2);
    expect(within(stagedRowOf('a.mp4')).getByText('Media Manager')).toBeTruthy();
    expect(within(stagedRowOf('b.jpg')).getByText('Media Manager / Videos / videos/2024/Shoot/day 1 · private · trip, sea')).toBeTruthy();
    expect(within(stagedRowOf('a.mp4')).getByText('2.05 kB')).toBeTruthy();
    expect(within(stagedRowOf('a.mp4')).getByText('Ready')).toBeTruthy();
    const upload = button('Upload 2 files');
    expect(isDisabled(upload)).toBe(false);
    expect(unnamedButtons()).toEqual([]);
  });

  it("shows each problem's message and leaves those files out of the count", () => {
    const [named, again, big, fine] = stageFiles(
      [picked('a.mp4'), picked('a.mp4'), picked('big.mp4', '', 4096), picked('fine.mp4')],
      settings(),
      [],
    );
    // A rename does not make a file another one: the second a.mp4 stays a duplicate.
    const staged = rename([named!, again!, big!, fine!], named!.id, 'n'.repeat(256));
    const { onStart } = renderTable(staged, { max: 3000 });
    expect(within(stagedRowOf('big.mp4')).getByText('The file is 4.1 kB; files up to 3 kB can be uploaded.')).toBeTruthy();
    expect(within(stagedRowOf('fine.mp4')).getByText('Ready')).toBeTruthy();
    const problems = Array.from(document.querySelectorAll('[data-hook="staged-problem"]'), (node) => node.textContent);
    expect(problems).toEqual([
      'The file name must be at most 255 characters long (got 256).',
      'This file is already in the list, going to the same folder.',
      'The file is 4.1 kB; files up to 3 kB can be uploaded.',
    ]);
    const upload = button('Upload 1 file');
    expect(isDisabled(upload)).toBe(false);
    fireEvent.click(upload);
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('flags the files already in their folder, with a choice for each and for all, and leaves them out of the count until chosen', () => {
    const [clip, photo, notes, later] = stageFiles(
      [picked('clip.mp4', 'clients/2026', 1_200_000), picked('photo.jpg'), picked('notes.txt'), picked('later.mp4')],
      settings(),
      [],
    );
    const uploaded = new Date(new Date().getFullYear(), 10, 3, 12).toISOString();
    const existing = new Map<string, ExistingFileCheck>([
      [clip!.id, { state: 'exists', existing: { fileId: 'f1', displayName: 'clip.mp4', sizeInBytes: '1200000', createdDate: uploaded } }],
      [photo!.id, { state: 'exists', existing: { fileId: 'f2', displayName: 'photo.jpg', sizeInBytes: '2048' } }],
      [notes!.id, { state: 'new' }],
      [later!.id, { state: 'checking' }],
    ]);
    const { onRemove, onUploadAsCopies, unmount } = renderTable([clip!, photo!, notes!, later!], { existing });
    expect(within(stagedRowOf('clip.mp4')).getByText('Already in 2026: 1.2 MB, uploaded Nov 3')).toBeTruthy();
    expect(within(stagedRowOf('photo.jpg')).getByText('Already in Media Manager: 2.05 kB')).toBeTruthy();
    expect(within(stagedRowOf('later.mp4')).getByText('Checking the Media Manager…')).toBeTruthy();
    expect(screen.getByText('2 files are already in their folders in the Media Manager (same name, same size).')).toBeTruthy();
    // notes.txt goes, later.mp4 once its check says it is new; the duplicates wait for a choice.
    expect(button('Upload 2 files')).toBeTruthy();

    fireEvent.click(button('Skip clip.mp4: it is already in the Media Manager'));
    expect(onRemove).toHaveBeenLastCalledWith([clip!.id]);
    fireEvent.click(button('Upload photo.jpg as a copy'));
    expect(onUploadAsCopies).toHaveBeenLastCalledWith([photo!.id]);
    fireEvent.click(button('Skip all 2'));
    expect(onRemove).toHaveBeenLastCalledWith([clip!.id, photo!.id]);
    fireEvent.click(button('Upload all 2 as copies'));
    expect(onUploadAsCopies).toHaveBeenLastCalledWith([clip!.id, photo!.id]);
    expect(unnamedButtons()).toEqual([]);
    unmount();

    // Chosen as a copy: it counts, says so, and the choice for all counts the one left.
    renderTable(chooseUploadAsCopy([clip!, photo!, notes!], new Set([photo!.id])), { existing });
    expect(within(stagedRowOf('photo.jpg')).getByText('Ready: uploaded as a copy beside the one already there')).toBeTruthy();
    expect(button('Upload 2 files')).toBeTruthy();
    expect(button('Skip it')).toBeTruthy();
    expect(screen.getByText('1 file is already in its folder in the Media Manager (same name, same size).')).toBeTruthy();
  });

  it('says when the Media Manager could not be asked, and sends the file as new', () => {
    const [clip] = stageFiles([picked('clip.mp4')], settings(), []);
    renderTable([clip!], { existing: new Map([[clip!.id, { state: 'unchecked' }]]) });
    expect(screen.getByText('Ready (not checked for duplicates: the Media Manager did not answer)')).toBeTruthy();
    expect(button('Upload 1 file')).toBeTruthy();
  });

  it('disables Upload when no file passes', () => {
    const staged = stageFiles([picked('a.mp4')], settings(), []);
    const { onStart } = renderTable(staged, {
      queued: new Set([
        uploadFingerprint(openedSource(staged[0]!), resolveUploadMeta(staged[0]!.source, { parentFolderId: MEDIA_ROOT_FOLDER_ID })),
      ]),
    });
    expect(screen.getByText('This file is already in the list, going to the same folder.')).toBeTruthy();
    const upload = button('Upload 0 files');
    expect(isDisabled(upload)).toBe(true);
    fireEvent.click(upload);
    expect(onStart).not.toHaveBeenCalled();
  });

  it('renames through the display name field', () => {
    const staged = stageFiles([picked('a.mp4'), picked('b.mp4')], settings(), []);
    const { onRename } = renderTable(staged);
    fireEvent.change(screen.getByRole('textbox', { name: 'Display name of b.mp4' }), { target: { value: 'Holiday.mp4' } });
    expect(onRename).toHaveBeenCalledExactlyOnceWith(staged[1]!.id, 'Holiday.mp4');
  });

  it('selects rows and removes the selected ones', () => {
    const staged = stageFiles([picked('a.mp4'), picked('b.mp4')], settings(), []);
    const { onSelectionChanged, onRemove, unmount } = renderTable(staged);
    expect(isDisabled(button('Remove selected'))).toBe(true);
    fireEvent.click(within(stagedRowOf('b.mp4')).getByRole('checkbox'));
    expect(onSelectionChanged).toHaveBeenLastCalledWith([staged[1]!.id]);
    unmount();

    const selected = renderTable(staged, { selectedIds: [staged[0]!.id, staged[1]!.id] });
    fireEvent.click(button('Remove selected'));
    expect(selected.onRemove).toHaveBeenCalledExactlyOnceWith([staged[0]!.id, staged[1]!.id]);
    expect(onRemove).not.toHaveBeenCalled();
  });

  it('names every selection checkbox, and shows select-all partly checked when some files are selected', () => {
    const staged = stageFiles([picked('a.mp4'), picked('b.mp4')], settings(), []);
    const some = renderTable(staged, { selectedIds: [staged[0]!.id] });
    expect((screen.getByRole('checkbox', { name: 'Select a.mp4' }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('checkbox', { name: 'Select b.mp4' }) as HTMLInputElement).checked).toBe(false);
    const all = screen.getByRole('checkbox', { name: 'Select all files' });
    expect(all.getAttribute('aria-checked')).toBe('mixed');
    fireEvent.click(all);
    expect(some.onSelectionChanged).toHaveBeenLastCalledWith([staged[0]!.id, staged[1]!.id]);
    some.unmount();

    const every = renderTable(staged, { selectedIds: [staged[0]!.id, staged[1]!.id] });
    expect((screen.getByRole('checkbox', { name: 'Select all files' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all files' }));
    expect(every.onSelectionChanged).toHaveBeenLastCalledWith([]);
  });

  it('locks the name of a file that continues an earlier upload, and says so', () => {
    const one = picked('clip.mp4');
    const source = openedSource(stageFiles([one], settings(), [])[0]!);
    const meta = resolveUploadMeta(source, { displayName: 'Started as.mp4', parentFolderId: 'folder-photos' });
    const record = resumeRecordFor(source, meta, { uploadUrl: 'https://upload.test/upload/tus', uploadToken: 't' }, undefined, 1);
    const staged = stageFiles([one], settings(), [record]);
    renderTable(staged);
    const name = screen.getByRole('textbox', { name: 'Display name of clip.mp4' }) as HTMLInputElement;
    expect(name.value).toBe('Started as.mp4');
    expect(name.disabled).toBe(true);
    expect(screen.getByText('Continues the upload started before')).toBeTruthy();
    // Where it goes is where it was started to, not the current settings.
    expect(within(stagedRowOf('clip.mp4')).getByText('Media Manager / Photos')).toBeTruthy();
  });

  it('shows the folder path as it is sent, whatever slashes were typed', () => {
    renderTable(stageFiles([picked('a.mp4', 'Shoot')], settings({ filePath: ' /videos//2024/ ' }), []));
    expect(within(stagedRowOf('a.mp4')).getByText('Media Manager / videos/2024/Shoot')).toBeTruthy();
  });
});

interface SettingsHarnessProps {
  initial: UploadSettings;
  selectedCount: number;
  onChange: (next: UploadSettings) => void;
  onApplyToSelected: () => void;
}

/** The form with its settings held as the page holds them. */
function SettingsHarness({ initial, selectedCount, onChange, onApplyToSelected }: SettingsHarnessProps) {
  const [current, setCurrent] = useState(initial);
  return (
    <UploadSettingsForm
      settings={current}
      selectedCount={selectedCount}
      onChange={(next) => {
        onChange(next);
        setCurrent(next);
      }}
      onApplyToSelected={onApplyToSelected}
    />
  );
}

describe('UploadSettingsForm', () => {
  beforeEach(() => {
    web.listFolders.mockResolvedValue({ ok: true, folders: FOLDERS });
  });

  function renderForm(initial: UploadSettings, extra: { selectedCount?: number } = {}) {
    const onChange = vi.fn<(next: UploadSettings) => void>();
    const onApplyToSelected = vi.fn();
    renderInWds(
      <SettingsHarness
        initial={initial}
        selectedCount={extra.selectedCount ?? 0}
        onChange={onChange}
        onApplyToSelected={onApplyToSelected}
      />,
    );
    return { onChange, onApplyToSelected };
  }

  const newLabel = () => screen.getByRole('textbox', { name: 'Labels' });

  it('adds a label with the Add button or Enter, trimmed, once', () => {
    const { onChange } = renderForm(settings({ labels: ['existing'] }));
    const add = button('Add');
    expect(isDisabled(add)).toBe(true);
    fireEvent.change(newLabel(), { target: { value: '  trip  ' } });
    expect(isDisabled(add)).toBe(false);
    fireEvent.click(add);
    expect(onChange).toHaveBeenLastCalledWith(settings({ labels: ['existing', 'trip'] }));
    expect((newLabel() as HTMLInputElement).value).toBe('');

    fireEvent.change(newLabel(), { target: { value: 'sea' } });
    fireEvent.keyDown(newLabel(), { key: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenLastCalledWith(settings({ labels: ['existing', 'trip', 'sea'] }));
    expect(screen.getByText('sea')).toBeTruthy();

    fireEvent.change(newLabel(), { target: { value: 'trip' } });
    fireEvent.click(button('Add'));
    expect(onChange).toHaveBeenCalledTimes(2);

    fireEvent.change(newLabel(), { target: { value: '   ' } });
    expect(isDisabled(button('Add'))).toBe(true);
  });

  it('removes a label with its named remove button', () => {
    const { onChange } = renderForm(settings({ labels: ['trip', 'sea'] }));
    fireEvent.click(button('Remove label trip'));
    expect(onChange).toHaveBeenLastCalledWith(settings({ labels: ['sea'] }));
    expect(screen.queryByText('trip')).toBeNull();
    expect(screen.getByRole('button', { name: 'Remove label sea' })).toBeTruthy();
  });

  it("walks down the folder tree, reading each folder's subfolders only when it is opened, and back up", async () => {
    const PHOTOS_2026: FolderSummary = { id: 'folder-2026', displayName: '2026', parentFolderId: 'folder-photos' };
    web.listFolders.mockImplementation(async (parent) => ({
      ok: true,
      folders: parent === MEDIA_ROOT_FOLDER_ID ? FOLDERS : parent === 'folder-photos' ? [PHOTOS_2026] : [],
    }));
    web.listFolders.mockClear();
    const { onChange } = renderForm(settings());
    const path = () => document.querySelector('[data-hook="destination-path"]')?.textContent;
    const subfolders = () => screen.getByRole('combobox', { name: 'Destination folder' });
    expect(path()).toBe('Media Manager');
    await waitFor(() => expect(isDisabled(subfolders())).toBe(false));
    fireEvent.click(subfolders());
    expect((await screen.findAllByRole('option')).map((option) => option.textContent)).toEqual(['Videos', 'Photos']);
    expect(new Set(web.listFolders.mock.calls.map(([parent]) => parent))).toEqual(new Set([MEDIA_ROOT_FOLDER_ID]));
    fireEvent.click(screen.getByRole('option', { name: 'Photos' }));
    expect(onChange).toHaveBeenLastCalledWith(settings({ parentFolderId: 'folder-photos', destination: [FOLDERS[1]!] }));

    await waitFor(() => expect(path()).toBe('Media Manager/Photos'));
    await waitFor(() => expect(isDisabled(subfolders())).toBe(false));
    fireEvent.click(subfolders());
    fireEvent.click(await screen.findByRole('option', { name: '2026' }));
    expect(onChange).toHaveBeenLastCalledWith(settings({ parentFolderId: 'folder-2026', destination: [FOLDERS[1]!, PHOTOS_2026] }));
    expect(new Set(web.listFolders.mock.calls.map(([parent]) => parent))).toEqual(
      new Set([MEDIA_ROOT_FOLDER_ID, 'folder-photos', 'folder-2026']),
    );
    await waitFor(() => expect(path()).toBe('Media Manager/Photos/2026'));

    fireEvent.click(button('Upload to Media Manager'));
    expect(onChange).toHaveBeenLastCalledWith(settings());
  });

  it('says why the folders are missing', async () => {
    web.listFolders.mockResolvedValue({ ok: false, reason: 'The folder does not exist in the Media Manager' });
    renderForm(settings());
    expect(await screen.findByText('The folder does not exist in the Media Manager')).toBeTruthy();
  });

  it('checks the subfolders and a label as they are typed, naming the limit', () => {
    const { onChange } = renderForm(settings(), { selectedCount: 2 });
    const typed = 'a'.repeat(128);
    fireEvent.change(screen.getByRole('textbox', { name: 'New subfolders (optional)' }), { target: { value: typed } });
    expect(screen.getByText('The subfolders must be at most 99 characters long (got 128).')).toBeTruthy();
    expect(isDisabled(button('Apply to 2 selected files'))).toBe(true);

    fireEvent.change(newLabel(), { target: { value: 'b'.repeat(210) } });
    expect(screen.getByText('A label must be at most 200 characters long (got 210).')).toBeTruthy();
    expect(isDisabled(button('Add'))).toBe(true);
    fireEvent.keyDown(newLabel(), { key: 'Enter', keyCode: 13 });
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('accepts subfolders as long as the hint says, and counts what was typed when refusing longer ones', async () => {
    renderForm(settings());
    const field = screen.getByRole('textbox', { name: 'New subfolders (optional)' });
    fireEvent.mouseEnter(screen.getByRole('button', { name: 'About new subfolders' }));
    const hint = (await screen.findByText(/At most \d+ characters/)).textContent ?? '';
    const limit = Number(/At most (\d+) characters/.exec(hint)?.[1]);
    const exactly = `${'a'.repeat(limit - 5)}/bbbb`;
    fireEvent.change(field, { target: { value: exactly } });
    expect(screen.queryByText(/The subfolders must be/)).toBeNull();
    fireEvent.change(field, { target: { value: `${exactly}c` } });
    expect(screen.getByText(`The subfolders must be at most ${limit} characters long (got ${limit + 1}).`)).toBeTruthy();
  });

  it('sets new subfolders', () => {
    const { onChange } = renderForm(settings());
    fireEvent.change(screen.getByRole('textbox', { name: 'New subfolders (optional)' }), { target: { value: 'videos/2024' } });
    expect(onChange).toHaveBeenLastCalledWith(settings({ filePath: 'videos/2024' }));
  });

  it('toggles private', () => {
    const { onChange } = renderForm(settings());
    const toggle = screen.getByLabelText('Private (visitors cannot see these files)') as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    expect(onChange).toHaveBeenLastCalledWith(settings({ private: true }));
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    expect(onChange).toHaveBeenLastCalledWith(settings({ private: false }));
  });

  it.each([
    [0, 'Apply to selected files', true],
    [1, 'Apply to 1 selected file', false],
    [3, 'Apply to 3 selected files', false],
  ])('with %d selected, the apply button reads "%s"', (selectedCount, label, disabled) => {
    const { onApplyToSelected } = renderForm(settings(), { selectedCount });
    const apply = button(label);
    expect(isDisabled(apply)).toBe(disabled);
    fireEvent.click(apply);
    expect(onApplyToSelected).toHaveBeenCalledTimes(disabled ? 0 : 1);
  });

  it('names every button', () => {
    renderForm(settings({ labels: ['trip', 'sea'] }), { selectedCount: 2 });
    expect(unnamedButtons()).toEqual([]);
    expect(screen.getByRole('button', { name: 'About new subfolders' })).toBeTruthy();
  });
});

describe('FileDropzone', () => {
  const dropTarget = () => screen.getByRole('group', { name: 'Add files' });
  const fileInput = () => screen.getByLabelText('Choose files') as HTMLInputElement;
  const folderInput = () => screen.getByLabelText('Choose a folder') as HTMLInputElement;

  function spyOnInputClicks(): HTMLInputElement[] {
    const clicked: HTMLInputElement[] = [];
    vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      clicked.push(this);
    });
    return clicked;
  }

  it('can offer files only, with its own wording', () => {
    renderInWds(<FileDropzone onPicked={vi.fn()} allowFolders={false} wording={{ hint: 'Up to 2 GB each.' }} />);
    expect(screen.getByText('Drop files here')).toBeTruthy();
    expect(screen.getByText('Up to 2 GB each.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Choose a folder' })).toBeNull();
  });

  it('opens the file chooser when its empty area or its text is clicked', () => {
    renderInWds(<FileDropzone onPicked={vi.fn()} />);
    const clicked = spyOnInputClicks();
    fireEvent.click(dropTarget());
    fireEvent.click(screen.getByText('Drop files or whole folders here'));
    expect(clicked).toEqual([fileInput(), fileInput()]);
  });

  it('is a named group holding its own buttons (the keyboard way in), not a button that contains buttons', () => {
    renderInWds(<FileDropzone onPicked={vi.fn()} />);
    expect(within(dropTarget()).getByRole('button', { name: 'Choose files' })).toBeTruthy();
    expect(within(dropTarget()).getByRole('button', { name: 'Choose a folder' })).toBeTruthy();
    expect(screen.getAllByRole('button').map((one) => one.textContent)).toEqual(['Choose files', 'Choose a folder']);
  });

  it('opens the file chooser or the folder chooser from its buttons', () => {
    renderInWds(<FileDropzone onPicked={vi.fn()} />);
    const clicked = spyOnInputClicks();
    fireEvent.click(button('Choose files'));
    fireEvent.click(button('Choose a folder'));
    expect(clicked).toEqual([fileInput(), folderInput()]);
    expect(fileInput().hasAttribute('webkitdirectory')).toBe(false);
    expect(folderInput().hasAttribute('webkitdirectory')).toBe(true);
    expect(unnamedButtons()).toEqual([]);
  });

  it('hands files chosen through the hidden input to onPicked, then clears the input', () => {
    const onPicked = vi.fn<(files: PickedFile[]) => void>();
    renderInWds(<FileDropzone onPicked={onPicked} />);
    const a = new File(['a'], 'a.mp4');
    const b = new File(['b'], 'b.mp4');
    fireEvent.change(fileInput(), { target: { files: [a, b] } });
    expect(onPicked).toHaveBeenCalledExactlyOnceWith([
      { file: a, folderPath: '' },
      { file: b, folderPath: '' },
    ]);
    expect(fileInput().value).toBe('');
  });

  it('gives files of a chosen folder their folder path', () => {
    const onPicked = vi.fn<(files: PickedFile[]) => void>();
    renderInWds(<FileDropzone onPicked={onPicked} />);
    const a = fileIn('Shoot/day 1/a.jpg');
    const b = fileIn('Shoot/b.jpg');
    fireEvent.change(folderInput(), { target: { files: [a, b] } });
    expect(onPicked).toHaveBeenCalledExactlyOnceWith([
      { file: a, folderPath: 'Shoot/day 1' },
      { file: b, folderPath: 'Shoot' },
    ]);
  });

  it('ignores a chooser closed without a choice', () => {
    const onPicked = vi.fn();
    renderInWds(<FileDropzone onPicked={onPicked} />);
    fireEvent.change(fileInput(), { target: { files: [] } });
    expect(onPicked).not.toHaveBeenCalled();
  });

  it('keeps the tree of a dropped folder', async () => {
    const onPicked = vi.fn<(files: AddedFile[]) => void>();
    const { container } = renderInWds(<FileDropzone onPicked={onPicked} />);
    const loose = new File(['1'], 'loose.txt');
    const looseEntry = fakeFile(loose);
    const inner = fakeFile(new File(['2'], 'a.jpg'));
    const folder = fakeDirectory('Shoot', [[fakeDirectory('day 1', [[inner], []])], []]);
    const dataTransfer = {
      items: [
        { kind: 'file', getAsFile: () => loose, webkitGetAsEntry: () => looseEntry },
        { kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => folder },
      ],
      files: [loose],
      types: ['Files'],
    };
    fireEvent.drop(container.querySelector('[data-hook="file-dropzone"] > div')!, { dataTransfer });
    await waitFor(() => expect(onPicked).toHaveBeenCalledTimes(1));
    // By their entries: the files are opened when sent.
    expect(onPicked.mock.calls[0]?.[0]).toEqual([
      { entry: looseEntry, folderPath: '' },
      { entry: inner, folderPath: 'Shoot/day 1' },
    ]);
  });

  it('falls back to the dropped files when the browser gives no entries', async () => {
    const onPicked = vi.fn<(files: PickedFile[]) => void>();
    const { container } = renderInWds(<FileDropzone onPicked={onPicked} />);
    const file = new File(['1'], 'plain.txt');
    const dataTransfer = {
      items: [{ kind: 'file', getAsFile: () => file, webkitGetAsEntry: () => null }],
      files: [file],
      types: ['Files'],
    };
    fireEvent.drop(container.querySelector('[data-hook="file-dropzone"] > div')!, { dataTransfer });
    await waitFor(() => expect(onPicked).toHaveBeenCalledExactlyOnceWith([{ file, folderPath: '' }]));
  });
});

describe('UnfinishedUploads', () => {
  const record = (name: string, relativePath: string | undefined, size: number, createdAt: number): ResumeRecord => ({
    fingerprint: JSON.stringify([name, size, 1, relativePath ?? '', '', '']),
    name,
    size,
    lastModified: 1,
    relativePath,
    meta: { displayName: name, mimeType: 'video/mp4' },
    uploadUrl: 'https://upload.test/upload/tus',
    uploadToken: `token-${name}`,
    createdAt,
  });

  it('lists each unfinished file by its path in the dropped folder, with how much the server holds, and a way to forget it', () => {
    const onForget = vi.fn();
    const { container } = renderInWds(
      <UnfinishedUploads
        records={[{ ...record('clip.mp4', undefined, 3e9, 1), bytesOnServer: 1e9 }, record('a.jpg', 'Shoot/day 1/a.jpg', 1536, 2)]}
        onForget={onForget}
      />,
    );
    expect(screen.getByText('2 uploads can be continued')).toBeTruthy();
    const lines = Array.from(container.querySelectorAll('[data-hook="unfinished-upload"]'), (line) => line.textContent);
    expect(lines).toEqual(['clip.mp4: 1 GB of 3 GB uploaded (33%)Forget', 'Shoot/day 1/a.jpg: 0 B of 1.54 kB uploaded (0%)Forget']);
    expect(unnamedButtons()).toEqual([]);
  });

  it('asks before forgetting an unfinished upload, saying what is deleted; keeping it forgets nothing', async () => {
    const onForget = vi.fn();
    renderInWds(<UnfinishedUploads records={[{ ...record('clip.mp4', undefined, 3e9, 1), bytesOnServer: 1e9 }]} onForget={onForget} />);
    fireEvent.click(button('Forget clip.mp4: delete what was uploaded'));
    expect(await screen.findByText('Forget this upload?')).toBeTruthy();
    expect(screen.getByText(/1 GB of "clip.mp4" already reached the Media Manager. Forgetting deletes it/)).toBeTruthy();
    expect(onForget).not.toHaveBeenCalled();
    fireEvent.click(button('Keep it'));
    await waitFor(() => expect(screen.queryByText('Forget this upload?')).toBeNull());
    expect(onForget).not.toHaveBeenCalled();

    fireEvent.click(button('Forget clip.mp4: delete what was uploaded'));
    fireEvent.click(await screen.findByRole('button', { name: 'Forget upload' }));
    await waitFor(() => expect(onForget).toHaveBeenCalledExactlyOnceWith(JSON.stringify(['clip.mp4', 3e9, 1, '', '', ''])));
  });

  it('says "1 upload" for one', () => {
    renderInWds(<UnfinishedUploads records={[record('clip.mp4', undefined, 10, 1)]} onForget={vi.fn()} />);
    expect(screen.getByText('1 upload can be continued')).toBeTruthy();
    expect(screen.getByText('clip.mp4', { selector: 'strong' })).toBeTruthy();
  });

  it('shows nothing when there is nothing to continue', () => {
    const { container } = renderInWds(<UnfinishedUploads records={[]} onForget={vi.fn()} />);
    expect(container.querySelector('[data-hook="unfinished-uploads"]')).toBeNull();
    expect(container.textContent).toBe('');
  });
});
