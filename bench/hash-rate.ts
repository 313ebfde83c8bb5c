/**
 * How fast this machine md5-hashes, both ways: the emulator hashes every received byte with
 * hash-wasm (its state can be saved and resumed after a restart), node:crypto cannot save its
 * state. The difference bounds what ours can reach on the server side; measured in the harness
 * process after every run, on 64 KiB updates like the chunks a request stream delivers.
 */
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createMD5 } from 'hash-wasm';
import { MIB } from './config.js';

export interface HashRates {
  hashWasmMiBps: number;
  nodeCryptoMiBps: number;
}

const TOTAL = 256 * MIB;
const UPDATE = 64 * 1024;

function rate(update: (chunk: Buffer) => void): number {
  const chunk = crypto.randomBytes(UPDATE);
  const started = performance.now();
  for (let done = 0; done < TOTAL; done += UPDATE) update(chunk);
  return TOTAL / MIB / ((performance.now() - started) / 1000);
}

export async function measureHashRates(): Promise<HashRates> {
  const wasm = await createMD5();
  wasm.init();
  const node = crypto.createHash('md5');
  const hashWasmMiBps = rate((chunk) => wasm.update(chunk));
  const nodeCryptoMiBps = rate((chunk) => node.update(chunk));
  wasm.digest();
  node.digest();
  return { hashWasmMiBps, nodeCryptoMiBps };
}
