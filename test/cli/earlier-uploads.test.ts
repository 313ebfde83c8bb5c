import { describe, expect, it } from 'vitest';
import { EarlierUploads, type EarlierOutcome } from '../../cli/earlier-uploads.js';
import { waitFor } from '../support/wix-http.js';
import { FakeBackend } from '../engine/support/fakes.js';

describe('files an earlier run finalized', () => {
  it('are followed until READY or FAILED; one the Media Manager does not know is to be sent again', async () => {
    const backend = new FakeBackend();
    backend.statuses.set('ready-1', 'READY');
    backend.statuses.set('failed-1', 'FAILED');
    backend.statuses.set('slow-1', 'PENDING');
    backend.unknown.add('deleted-1');
    const outcomes = new Map<string, EarlierOutcome>();
    const earlier = new EarlierUploads(backend, 10, (fingerprint, outcome) => outcomes.set(fingerprint, outcome));
    try {
      for (const [fingerprint, fileId] of [
        ['a', 'ready-1'],
        ['b', 'failed-1'],
        ['c', 'slow-1'],
        ['d', 'deleted-1'],
      ] as const) {
        earlier.watch(fingerprint, fileId);
      }
      await waitFor(async () => (outcomes.size === 3 ? true : undefined), 'three outcomes');
      expect(earlier.pending).toBe(1);
      backend.statuses.set('slow-1', 'READY');
      await waitFor(async () => (earlier.pending === 0 ? true : undefined), 'the last outcome');
      expect(Object.fromEntries(outcomes)).toEqual({
        a: { state: 'ready', report: expect.objectContaining({ fileId: 'ready-1', url: 'https://static.test/ready-1' }) },
        b: { state: 'refused', code: 'PROCESSING_FAILED', message: 'The bytes are not a video/mp4' },
        c: { state: 'ready', report: expect.objectContaining({ fileId: 'slow-1' }) },
        d: { state: 'gone' },
      });
    } finally {
      earlier.stop();
    }
  });

  it('are given up with the reason when their status cannot be read, poll after poll', async () => {
    const backend = new FakeBackend();
    backend.getUploadStatus = async () => {
      throw new Error('backend unreachable');
    };
    const outcomes: EarlierOutcome[] = [];
    const earlier = new EarlierUploads(backend, 5, (_fingerprint, outcome) => outcomes.push(outcome));
    try {
      earlier.watch('a', 'file-1');
      await waitFor(async () => (outcomes.length > 0 ? true : undefined), 'the file to be given up');
      expect(outcomes).toEqual([{ state: 'failed', code: 'NETWORK', message: 'Its status could not be read: backend unreachable' }]);
    } finally {
      earlier.stop();
    }
  });
});
