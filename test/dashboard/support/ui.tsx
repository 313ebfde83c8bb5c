import React, { type ReactElement } from 'react';
import { render, screen, within, type RenderResult } from '@testing-library/react';
import { vi, type Mock } from 'vitest';
import { PageProviders } from '../../../src/dashboard/components/PageProviders.js';
import { actionsFor, buildQueueSnapshot } from '../../../src/upload-engine/queue/queue-rules.js';
import type { UploadItem, UploadItemState, UploadQueue, UploadQueueSnapshot } from '../../../src/upload-engine/index.js';

/** Renders inside the page's own WDS provider, as the dashboard page does. */
export function renderInWds(ui: ReactElement): RenderResult {
  const result = render(<PageProviders>{ui}</PageProviders>);
  return {
    ...result,
    rerender: (next: ReactElement) => result.rerender(<PageProviders>{next}</PageProviders>),
  };
}

/** Buttons a screen reader would announce without a name. */
export function unnamedButtons(container: HTMLElement = document.body): HTMLElement[] {
  return within(container).queryAllByRole('button', { name: (name) => name.trim() === '' });
}

/** WDS buttons are disabled with aria-disabled (they stay focusable), plain ones with the attribute. */
export function isDisabled(element: HTMLElement): boolean {
  return element.hasAttribute('disabled') || element.getAttribute('aria-disabled') === 'true';
}

export function button(name: string | RegExp): HTMLElement {
  return screen.getByRole('button', { name });
}

let nextItem = 0;

export function uploadItem(state: UploadItemState, extra: Partial<UploadItem> & { displayName?: string } = {}): UploadItem {
  nextItem += 1;
  const { displayName = `file-${nextItem}.mp4`, ...rest } = extra;
  return {
    id: `upload-${nextItem}`,
    fingerprint: `["file-${nextItem}.mp4"]`,
    name: displayName,
    size: 1000,
    meta: { displayName, mimeType: 'video/mp4' },
    state,
    bytesUploaded: 0,
    bytesPerSecond: 0,
    resumed: false,
    actions: actionsFor({ state }),
    ...rest,
  };
}

export function snapshotOf(
  items: UploadItem[],
  extra: { bytesPerSecond?: number; online?: boolean; concurrency?: number; notices?: UploadQueueSnapshot['notices'] } = {},
): UploadQueueSnapshot {
  return buildQueueSnapshot(items, { bytesPerSecond: 0, online: true, concurrency: 3, notices: [], ...extra });
}

/** The queue's commands the components call; the components' prop type is the whole class. */
export type QueueCommands = Pick<
  UploadQueue,
  | 'pause'
  | 'resume'
  | 'retry'
  | 'cancel'
  | 'remove'
  | 'pauseAll'
  | 'resumeAll'
  | 'cancelAll'
  | 'retryFailed'
  | 'clearFinished'
  | 'setConcurrency'
>;

export type FakeQueue = { [K in keyof QueueCommands]: Mock<QueueCommands[K]> };

export function fakeQueue(): { fake: FakeQueue; queue: UploadQueue } {
  const fake: FakeQueue = {
    pause: vi.fn(async () => undefined),
    resume: vi.fn(),
    retry: vi.fn(),
    cancel: vi.fn(async () => undefined),
    remove: vi.fn(async () => undefined),
    pauseAll: vi.fn(async () => undefined),
    resumeAll: vi.fn(),
    cancelAll: vi.fn(async () => undefined),
    retryFailed: vi.fn(),
    clearFinished: vi.fn(),
    setConcurrency: vi.fn(),
  };
  return { fake, queue: fake as unknown as UploadQueue };
}
