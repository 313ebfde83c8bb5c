import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusPoller } from '../../src/upload-engine/processing/status-poller.js';
import type { UploadStatusReport } from '../../src/shared/upload-methods.js';

describe('StatusPoller', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(ready: Set<string>, fail = false) {
    const calls: string[][] = [];
    const reports: UploadStatusReport[] = [];
    let poller: StatusPoller;
    poller = new StatusPoller({
      intervalMs: 2000,
      async getUploadStatus(fileIds) {
        calls.push(fileIds);
        if (fail) throw new Error('offline');
        return {
          ok: true,
          reports: fileIds.map((fileId): UploadStatusReport => ({ fileId, status: ready.has(fileId) ? 'READY' : 'PENDING' })),
          unknownFileIds: [],
        };
      },
      onReport(report) {
        reports.push(report);
        if (report.status !== 'PENDING') poller.unwatch(report.fileId);
      },
    });
    return { poller, calls, reports };
  }

  it('asks about every watched file in one loop, at most 100 ids per call, every interval', async () => {
    const ready = new Set<string>();
    const { poller, calls, reports } = setup(ready);
    for (let index = 0; index < 250; index++) poller.watch(`f${index}`);
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(new Set(calls.flat()).size).toBe(250);
    expect(reports).toHaveLength(250);

    for (let index = 0; index < 240; index++) ready.add(`f${index}`);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.slice(3).map((ids) => ids.length)).toEqual([100, 100, 50]);
    expect(poller.size).toBe(10);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls.at(-1)).toHaveLength(10);
    poller.stop();
  });

  it('stops asking when nothing is watched, and starts again on watch', async () => {
    const ready = new Set(['a']);
    const { poller, calls } = setup(ready);
    poller.watch('a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual([['a']]);
    poller.watch('b');
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toEqual([['a'], ['b']]);
    poller.stop();
  });

  it('keeps polling through backend errors', async () => {
    const { poller, calls } = setup(new Set(), true);
    poller.watch('a');
    await vi.advanceTimersByTimeAsync(6000);
    expect(calls).toHaveLength(3);
    poller.stop();
    await vi.advanceTimersByTimeAsync(6000);
    expect(calls).toHaveLength(3);
  });
});
