import type { KeyValueStorage } from '../../../src/upload-engine/resume/local-storage-resume-store.js';

/** An in-memory Web Storage, as localStorage behaves (strings only, ordered keys, optional quota). */
export class FakeStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();

  constructor(private readonly quotaItems = Number.POSITIVE_INFINITY) {}

  get length(): number {
    return this.items.size;
  }

  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    if (!this.items.has(key) && this.items.size >= this.quotaItems) throw new Error('QuotaExceededError');
    this.items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
  }
}
