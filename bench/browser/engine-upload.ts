/**
 * The md5 check's cost in Chromium: the upload engine alone (engine-page/entry.ts) in a fresh
 * context on the app's origin uploads the file with the check on and off. The page itself has no
 * switch for the check; the engine under it is the same code, its md5 on the same worker.
 */
import { performance } from 'node:perf_hooks';
import type { Browser } from 'playwright-core';
import { MIB } from '../config.js';
import { startMachineBusy } from '../machine.js';
import { ENGINE_GLOBAL } from './engine-page/build.js';
import type { InputFile } from './input.js';

const INPUT_ID = 'bench-engine-input';

export interface EngineUploadRun {
  repetition: number;
  bytes: number;
  verifyIntegrity: boolean;
  /** From `add` to the file being processed (finalized and recorded). */
  uploadSeconds: number;
  verified: boolean | undefined;
  /** Share of the machine's core time busy during the upload (browser, app and all). */
  machineBusy: number;
}

const uploadTimeoutMs = (bytes: number) => 60_000 + (bytes / (2 * MIB)) * 1000;

export async function measureEngineUpload(
  browser: Browser,
  appUrl: string,
  token: string,
  script: string,
  file: InputFile,
  repetition: number,
  verifyIntegrity: boolean,
): Promise<EngineUploadRun> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(uploadTimeoutMs(file.size));
    await page.goto(appUrl);
    await page.addScriptTag({ path: script });
    await page.evaluate(
      `(() => { const input = document.createElement('input'); input.type = 'file'; input.id = ${JSON.stringify(INPUT_ID)}; document.body.append(input); })()`,
    );
    await page.setInputFiles(`#${INPUT_ID}`, file.path);
    const name = `engine-${verifyIntegrity ? 'on' : 'off'}-${repetition}-${file.name}`;
    const startedAt = performance.now();
    const busy = startMachineBusy();
    const result = (await page.evaluate(
      `${ENGINE_GLOBAL}.upload(document.getElementById(${JSON.stringify(INPUT_ID)}), ${JSON.stringify(token)}, ${JSON.stringify(name)}, ${verifyIntegrity})`,
    )) as { ms: number; verified: boolean | undefined };
    const machineBusy = busy();
    if (performance.now() - startedAt < result.ms) throw new Error('the in-page timing is longer than the evaluate');
    if (verifyIntegrity && result.verified !== true) throw new Error(`${name} was not verified`);
    return { repetition, bytes: file.size, verifyIntegrity, uploadSeconds: result.ms / 1000, verified: result.verified, machineBusy };
  } finally {
    await context.close();
  }
}
