/** Whether the network is usable, as the environment reports it. */
export interface Connectivity {
  isOnline(): boolean;
  /** Called with the new value on every change; returns the unsubscribe function. */
  subscribe(listener: (online: boolean) => void): () => void;
}

export const alwaysOnline: Connectivity = {
  isOnline: () => true,
  subscribe: () => () => undefined,
};

/** The parts of `window` the browser connectivity reads. */
export interface ConnectivityEventTarget {
  navigator: { onLine: boolean };
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/** navigator.onLine and the window's online/offline events. */
export function browserConnectivity(target: ConnectivityEventTarget): Connectivity {
  return {
    isOnline: () => target.navigator.onLine !== false,
    subscribe(listener) {
      const online = () => listener(true);
      const offline = () => listener(false);
      target.addEventListener('online', online);
      target.addEventListener('offline', offline);
      return () => {
        target.removeEventListener('online', online);
        target.removeEventListener('offline', offline);
      };
    },
  };
}

/** The browser's connectivity where there is a window, otherwise (Node) always online. */
export function defaultConnectivity(): Connectivity {
  const target = (globalThis as { window?: ConnectivityEventTarget }).window;
  return target?.navigator ? browserConnectivity(target) : alwaysOnline;
}

/** Connectivity switched by hand: for Node tests, benchmarks and simulations. */
export class ManualConnectivity implements Connectivity {
  private readonly listeners = new Set<(online: boolean) => void>();

  constructor(private online = true) {}

  isOnline(): boolean {
    return this.online;
  }

  subscribe(listener: (online: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setOnline(online: boolean): void {
    if (online === this.online) return;
    this.online = online;
    for (const listener of [...this.listeners]) listener(online);
  }
}

/** Resolves when online (at once if already), rejects when the signal aborts. */
export function whenOnline(connectivity: Connectivity, signal?: AbortSignal): Promise<void> {
  if (connectivity.isOnline()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const finish = (settle: () => void) => {
      unsubscribe();
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = () => finish(() => reject(signal?.reason));
    const unsubscribe = connectivity.subscribe((online) => {
      if (online) finish(resolve);
    });
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
