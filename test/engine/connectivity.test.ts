import { describe, expect, it } from 'vitest';
import { browserConnectivity, ManualConnectivity, whenOnline, type ConnectivityEventTarget } from '../../src/upload-engine/connectivity.js';

class FakeWindow implements ConnectivityEventTarget {
  navigator = { onLine: true };
  private readonly listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, listener: () => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: () => void): void {
    this.listeners.get(type)?.delete(listener);
  }
  go(online: boolean): void {
    this.navigator.onLine = online;
    for (const listener of this.listeners.get(online ? 'online' : 'offline') ?? []) listener();
  }
  count(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }
}

describe('connectivity', () => {
  it("follows the window's online and offline events", () => {
    const window = new FakeWindow();
    const connectivity = browserConnectivity(window);
    const seen: boolean[] = [];
    const unsubscribe = connectivity.subscribe((online) => seen.push(online));
    window.go(false);
    expect(connectivity.isOnline()).toBe(false);
    window.go(true);
    expect(seen).toEqual([false, true]);
    unsubscribe();
    expect(window.count()).toBe(0);
  });

  it('waits until online, or until aborted', async () => {
    const connectivity = new ManualConnectivity(false);
    let resolved = false;
    const waiting = whenOnline(connectivity).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    connectivity.setOnline(true);
    await waiting;
    expect(resolved).toBe(true);

    connectivity.setOnline(false);
    const controller = new AbortController();
    const aborted = whenOnline(connectivity, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(aborted).rejects.toThrow('stopped');
  });
});
