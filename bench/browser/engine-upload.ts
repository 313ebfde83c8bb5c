/**
 * The md5 check's cost in Chromium: the upload engine alone (engine-page/entry.ts) in a fresh
 * context on the app's origin uploads the file with the check on and off. The page itself has no
 * switch for the check; the engine under it is the same code, its md5 on the same worker.
 */
import type { Browser } from 'playwright-core';
import { ENGINE_GLOBAL } from './engine-page/build.js';
import { INPUT_ID, timedInPage, withFileOnAppPage } from './app-page.js';
import type { InputFile } from './input.js';

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

export async function measureEngineUpload(
  browser: Browser,
  appUrl: string,
  token: string,
  script: string,
  file: InputFile,
  repetition: number,
  verifyIntegrity: boolean,
): Promise<EngineUploadRun> {
  return withFileOnAppPage(browser, appUrl, script, file, async (page) => {
    const name = `engine-${verifyIntegrity ? 'on' : 'off'}-${repetition}-${file.name}`;
    const result = await timedInPage<{ ms: number; verified: boolean | undefined }>(
      page,
      `${ENGINE_GLOBAL}.upload(document.getElementById(${JSON.stringify(INPUT_ID)}), ${JSON.stringify(token)}, ${JSON.stringify(name)}, ${verifyIntegrity})`,
    );
    if (verifyIntegrity && result.verified !== true) throw new Error(`${name} was not verified`);
    return {
      repetition,
      bytes: file.size,
      verifyIntegrity,
      uploadSeconds: result.ms / 1000,
      verified: result.verified,
      machineBusy: result.machineBusy,
    };
  });
}
