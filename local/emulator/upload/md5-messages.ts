/**
 * What the receiving thread and the md5 worker say to each other. Bytes never travel in a
 * message: they are copied into a slot of the hand-over window (shared memory) and the message
 * names the slot. The worker handles messages in the order they were sent, so an answer to
 * `save` or `digest` covers every update sent before it.
 */

/** The worker's workerData: the hand-over window it reads the bytes from. */
export interface Md5WorkerData {
  window: SharedArrayBuffer;
  slotBytes: number;
}

/** One running md5 in the worker; numbers are never reused within a process. */
export type HashId = number;

export type Md5Request =
  | { op: 'open'; hash: HashId; request: number; state: Uint8Array | null }
  | { op: 'update'; hash: HashId; slot: number; length: number }
  | { op: 'save'; hash: HashId; request: number }
  | { op: 'digest'; hash: HashId; request: number }
  | { op: 'close'; hash: HashId };

export type Md5Reply =
  /** The worker has hashed the slot's bytes (or given up on them): the slot can be reused. */
  | { kind: 'slot-free'; slot: number }
  /** open: null; save: the hasher's state; digest: the md5 in hex. */
  | { kind: 'answer'; request: number; value: Uint8Array | string | null }
  | { kind: 'failed'; request: number; message: string };
