/** raw: one HTTP PUT per file, streamed from disk: the ceiling of this machine for the others. */
import fs from 'node:fs';
import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { InputFile } from '../input-files.js';
import { eachWithConcurrency, type Contender } from './contender.js';

function putFile(endpoint: string, file: InputFile): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${endpoint}/${encodeURIComponent(file.name)}`,
      { method: 'PUT', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': file.size } },
      (response) => {
        response.resume();
        response.once('end', () =>
          response.statusCode === 201 ? resolve() : reject(new Error(`PUT ${file.name} answered ${response.statusCode}`)),
        );
      },
    );
    request.once('error', reject);
    pipeline(fs.createReadStream(file.path), request).catch(reject);
  });
}

export function rawContender(endpoint: string): Contender {
  return {
    uploadAll: (files, concurrency) => eachWithConcurrency(files, concurrency, (file) => putFile(endpoint, file)),
  };
}
