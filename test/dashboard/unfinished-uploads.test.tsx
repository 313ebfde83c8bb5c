// @vitest-environment jsdom
/**
 * "Continue" in the unfinished uploads: the page's hook and list over a real queue, with file
 * handles whose permission answers the test plays (the browser's File System Access API is not
 * ours; real handles are driven in Chromium by e2e/file-handles.e2e.test.ts).
 */
import React, { useEffect, useState, type FC } from 'react';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UnfinishedUploads } from '../../src/dashboard/components/UnfinishedUploads.js';
import { useUnfinishedUploads } from '../../src/dashboard/hooks/use-unfinished-uploads.js';
import {
  MemoryFileHandleStore,
  MemoryResumeStore,
  sourceFromFile,
  UploadQueue,
  withMeta,
  type ResumeRecord,
} from '../../src/upload-engine/index.js';
import { ManualConnectivity } from '../../src/upload-engine/connectivity.js';
import { FakeBackend, FakeFinalize, ScriptedTransport } from '../engine/support/fakes.js';
import { fileOf as file, PlayedFileHandle as PlayedHandle, resumeRecordOf as recordOf } from '../support/played-file-handle.js';
import { button, renderInWds, unnamedButtons } from './support/ui.js';

vi.mock('../../src/dashboard/owner-methods', () => ({}));

afterEach(() => {
  cleanup();
});

async function queueWith(kept: Array<[ResumeRecord, PlayedHandle | undefined]>) {
  const store = new MemoryResumeStore();
  const fileHandles = new MemoryFileHandleStore();
  for (const [record, handle] of kept) {
    store.save(record);
    if (handle) await fileHandles.save(record.fingerprint, handle.asHandle());
  }
  const transport = new ScriptedTransport();
  const queue = new UploadQueue({
    backend: new FakeBackend(),
    transport,
    fetch: new FakeFinalize().fetch,
    connectivity: new ManualConnectivity(true),
    resumeStore: store,
    fileHandles,
  });
  return { queue, transport };
}

/** The page's wiring of the list (page.tsx), without the rest of the page. */
const Harness: FC<{ queue: UploadQueue; keepsFileHandles: boolean }> = ({ queue, keepsFileHandles }) => {
  const [snapshot, setSnapshot] = useState(() => queue.getSnapshot());
  useEffect(() => queue.subscribe(setSnapshot), [queue]);
  const unfinished = useUnfinishedUploads(queue, snapshot);
  return (
    <UnfinishedUploads
      records={unfinished.records}
      kept={unfinished.kept}
      refusals={unfinished.refusals}
      keepsFileHandles={keepsFileHandles}
      continuing={unfinished.continuing}
      onContinue={() => void unfinished.continueKept()}
      onForget={(fingerprint) => void unfinished.forget(fingerprint)}
    />
  );
};

const lines = () => Array.from(document.querySelectorAll('[data-hook="unfinished-upload"]'), (line) => line.textContent);

describe('Continue, for uploads whose files the browser kept', () => {
  it('asks once, continues the unchanged files from the server, and says per file why the others are not continued', async () => {
    const same = recordOf('same.mp4', 10);
    const grown = recordOf('grown.mp4', 10);
    const edited = recordOf('edited.mp4', 10);
    const picked = recordOf('picked.mp4', 10);
    const sameHandle = new PlayedHandle('same.mp4', () => file('same.mp4', 10), 'prompt', ['granted']);
    const { queue, transport } = await queueWith([
      [same, sameHandle],
      [grown, new PlayedHandle('grown.mp4', () => file('grown.mp4', 12))],
      [edited, new PlayedHandle('edited.mp4', () => file('edited.mp4', 10, Date.UTC(2026, 10, 3, 9, 30)))],
      [picked, undefined],
    ]);
    renderInWds(<Harness queue={queue} keepsFileHandles />);
    await screen.findByText(/Continue reads these files from this computer again/);
    expect(screen.getByText(/Files marked below cannot be reopened by the browser/)).toBeTruthy();
    expect(lines().find((line) => line?.startsWith('picked.mp4'))).toContain('Select or drop this file again to continue it');
    expect(unnamedButtons()).toEqual([]);

    fireEvent.click(button('Continue 3 uploads without choosing the files again'));
    await waitFor(() => expect(lines()).toHaveLength(3));
    expect(sameHandle.requests).toBe(1);
    expect(transport.of('same.mp4').request.resumeUrl).toBe(same.tusUrl);
    expect(queue.getSnapshot().items.map((item) => [item.name, item.resumed])).toEqual([['same.mp4', true]]);
    const reasons = Array.from(document.querySelectorAll('[data-hook="unfinished-refusal"]'), (reason) => reason.textContent);
    expect(reasons).toEqual([
      'Not continued: the file changed since the upload began (now 12 B, it was 10 B). Upload it as a new file, or forget this upload.',
      expect.stringMatching(/^Not continued: the file was modified on .*2026.*, after the upload began\./),
    ]);
    // Only the file picked without a handle is to be chosen again; the changed ones are not offered Continue again.
    expect(screen.queryByText(/Continue reads these files/)).toBeNull();
    expect(screen.queryByRole('button', { name: /^Continue/ })).toBeNull();
    expect(lines().find((line) => line?.startsWith('picked.mp4'))).toContain('Select or drop this file again to continue it');
    await queue.dispose();
  });

  it('says when the browser was not allowed to read a file; the question dismissed, the next Continue asks again', async () => {
    const clip = recordOf('clip.mp4', 10);
    // Dismissing the browser's question leaves the permission at "prompt" (a refusal would leave it "denied").
    const handle = new PlayedHandle('clip.mp4', () => file('clip.mp4', 10), 'prompt', ['prompt', 'granted']);
    const { queue } = await queueWith([[clip, handle]]);
    renderInWds(<Harness queue={queue} keepsFileHandles />);
    fireEvent.click(await screen.findByRole('button', { name: 'Continue 1 upload without choosing the file again' }));
    await screen.findByText(/Not continued: the browser was not allowed to read this file/);
    expect(queue.getSnapshot().items).toEqual([]);

    await waitFor(() => expect(button('Continue 1 upload without choosing the file again').hasAttribute('disabled')).toBe(false));
    fireEvent.click(button('Continue 1 upload without choosing the file again'));
    await waitFor(() => expect(handle.requests).toBe(2));
    await waitFor(() => expect(lines()).toEqual([]));
    expect(handle.requests).toBe(2);
    expect(queue.getSnapshot().items.map((item) => item.name)).toEqual(['clip.mp4']);
    await queue.dispose();
  });

  it('in a browser without file handles, says the files are chosen again, and offers no Continue', async () => {
    const { queue } = await queueWith([[recordOf('clip.mp4', 10), undefined]]);
    renderInWds(<Harness queue={queue} keepsFileHandles={false} />);
    await screen.findByText(/This browser cannot reopen a file by itself after a reload/);
    expect(screen.queryByRole('button', { name: /^Continue/ })).toBeNull();
    expect(lines()).toEqual(['clip.mp4: 5 B of 10 B uploaded (50%)Forget']);
    await queue.dispose();
  });
});

describe('the unfinished uploads while the queue lists other files', () => {
  it('keeps its lists the same objects as long as the records are the same, so that the page is not drawn again for each slice of files listed', async () => {
    const record = recordOf('kept.mp4', 10);
    const { queue } = await queueWith([[record, new PlayedHandle('kept.mp4', () => file('kept.mp4', 10))]]);
    const drawn: Array<{ records: unknown; kept: unknown; listChanges: number }> = [];
    const Probe: FC<{ queue: UploadQueue }> = ({ queue }) => {
      const [snapshot, setSnapshot] = useState(() => queue.getSnapshot());
      useEffect(() => queue.subscribe(setSnapshot), [queue]);
      const unfinished = useUnfinishedUploads(queue, snapshot);
      drawn.push({ records: unfinished.records, kept: unfinished.kept, listChanges: snapshot.listChanges });
      return null;
    };
    renderInWds(<Probe queue={queue} />);
    await waitFor(() => expect((drawn.at(-1)?.kept as ReadonlySet<string> | undefined)?.has(record.fingerprint)).toBe(true));
    const settled = drawn.at(-1)!;

    for (let i = 1; i <= 5; i++) {
      queue.add(withMeta([sourceFromFile(file(`other-${i}.mp4`, 10))]));
      await waitFor(() => expect(drawn.at(-1)?.listChanges).toBe(i));
    }
    // The kept files are read again after each change of the list; their answers come back the same.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const after = drawn.filter((draw) => draw.listChanges > 0);
    expect(after.length).toBeGreaterThan(0);
    for (const draw of after) {
      expect(draw.records).toBe(settled.records);
      expect(draw.kept).toBe(settled.kept);
    }
  });
});
