/**
 * The comparison for the page's upload speed: bare tus-js-client (its own browser build) in the
 * same Chromium, on the same app, the same file and chunk size. On a page of the app's origin
 * (app-page.ts) it creates the upload session with the web method, as the page does, then uploads the
 * file picked into an <input> of its own; it does not finalize (the page's extra work shows).
 */
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { DEFAULT_CHUNK_SIZE } from '../../src/upload-engine/tus-transport.js';
import { INPUT_ID, timedInPage, withFileOnAppPage } from './app-page.js';
import type { InputFile } from './input.js';

const TUS_BROWSER_BUILD = createRequire(import.meta.url).resolve('tus-js-client/dist/tus.min.js');

export interface BareTusRun {
  repetition: number;
  bytes: number;
  /** From the start of the session request to tus-js-client's onSuccess. */
  uploadSeconds: number;
  /** Share of the machine's core time busy during the upload (browser, app and all). */
  machineBusy: number;
}

/** A USER token of the local site, for the web methods (as the dashboard's own session has). */
export async function userToken(appUrl: string): Promise<string> {
  const response = await fetch(`${appUrl}/_local/identities`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ subjectType: 'USER' }),
  });
  const body = (await response.json()) as { accessToken?: unknown };
  if (response.status !== 200 || typeof body.accessToken !== 'string')
    throw new Error(`POST /_local/identities answered ${response.status}`);
  return body.accessToken;
}

/** In the page: a string, not a function (tsx's keepNames would put a helper the page lacks into it). */
function uploadScript(token: string, name: string): string {
  return `(async () => {
    const file = document.getElementById(${JSON.stringify(INPUT_ID)}).files[0];
    const started = performance.now();
    const response = await fetch('/_webMethods/src/backend/uploads.web.ts/createUploadSession.ajax', {
      method: 'POST',
      headers: { Authorization: ${JSON.stringify(token)}, 'Content-Type': 'application/json' },
      body: JSON.stringify([{ fileName: ${JSON.stringify(name)}, mimeType: 'application/octet-stream', sizeInBytes: String(file.size) }]),
    });
    const answer = (await response.json()).result;
    if (!answer || !answer.ok) throw new Error('createUploadSession: ' + JSON.stringify(answer));
    await new Promise((resolve, reject) => {
      new tus.Upload(file, {
        endpoint: answer.session.uploadUrl,
        chunkSize: ${DEFAULT_CHUNK_SIZE},
        retryDelays: [],
        metadata: { filename: ${JSON.stringify(name)}, contentType: 'application/octet-stream', token: answer.session.uploadToken },
        onSuccess: resolve,
        onError: reject,
      }).start();
    });
    return { ms: performance.now() - started };
  })()`;
}

export async function measureBareTus(
  browser: Browser,
  appUrl: string,
  token: string,
  file: InputFile,
  repetition: number,
): Promise<BareTusRun> {
  return withFileOnAppPage(browser, appUrl, TUS_BROWSER_BUILD, file, async (page) => {
    const { ms, machineBusy } = await timedInPage<{ ms: number }>(page, uploadScript(token, `bare-${repetition}-${file.name}`));
    return { repetition, bytes: file.size, uploadSeconds: ms / 1000, machineBusy };
  });
}
