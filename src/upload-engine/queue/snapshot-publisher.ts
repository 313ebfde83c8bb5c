/**
 * Hands out a snapshot that stays the same object until something changed, and tells listeners:
 * changed(true) within the current microtask (so a burst of changes is told once), changed(false)
 * only when flush() is called (the owner's progress ticker).
 */
export class SnapshotPublisher<T> {
  private readonly listeners = new Set<(snapshot: T) => void>();
  private version = 0;
  private builtVersion = -1;
  private toldVersion = 0;
  private scheduled = false;
  private snapshot: T | undefined;

  constructor(private readonly build: () => T) {}

  get(): T {
    if (this.snapshot === undefined || this.builtVersion !== this.version) {
      this.snapshot = this.build();
      this.builtVersion = this.version;
    }
    return this.snapshot;
  }

  subscribe(listener: (snapshot: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  changed(tellNow: boolean): void {
    this.version++;
    if (!tellNow || this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Tells listeners if anything changed since they were last told. */
  flush(): void {
    if (this.toldVersion === this.version) return;
    this.toldVersion = this.version;
    const snapshot = this.get();
    for (const listener of [...this.listeners]) {
      try {
        listener(snapshot);
      } catch (error) {
        // One broken listener must not starve the others; the error still surfaces.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
