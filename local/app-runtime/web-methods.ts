import path from 'node:path';
import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Router } from '../emulator/platform/http.js';
import { sendJson } from '../emulator/platform/http.js';
import { nestsDeeperThan, readRequestBody } from '../emulator/platform/request-body.js';
import type { SubjectType, TokenSigner } from '../emulator/platform/identity.js';
import type { AppCallContext } from './wix-context.js';
import { appModuleUrl } from './app-modules.js';

/** Who may call a web method, as the Wix runtime decides it from the caller's token. */
const ALLOWED_SUBJECTS: Record<string, readonly SubjectType[]> = {
  Admin: ['USER'],
  SiteMember: ['MEMBER', 'USER'],
  Anyone: ['VISITOR', 'MEMBER', 'USER'],
};

/**
 * What the Wix runtime answers in production instead of a thrown error's message (the CLI's
 * web-methods platform, `productionErrorMessage`): a web method must return refusals as values
 * if the caller is to see why.
 */
export const PRODUCTION_ERROR_MESSAGE =
  'Error: Unable to handle the request. Contact the site administrator or view site monitoring logs for more information.';

export type WebMethodErrors = 'production' | 'development';

type WebMethodFunction = ((...args: unknown[]) => Promise<unknown>) & { permission?: string };

/** Lists the project's web method files, as paths relative to the project ("src/backend/x.web.ts"). */
export function findWebMethodFiles(projectDir: string): string[] {
  const srcDir = path.join(projectDir, 'src');
  return (fs.readdirSync(srcDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.web.ts'))
    .map((file) => path.posix.join('src', file.split(path.sep).join('/')))
    .sort();
}

function parseArguments(body: Buffer): unknown[] | undefined {
  const text = body.toString('utf8');
  if (nestsDeeperThan(text)) return undefined;
  try {
    const args: unknown = JSON.parse(text);
    return Array.isArray(args) ? args : undefined;
  } catch {
    return undefined;
  }
}

export interface WebMethodOptions {
  projectDir: string;
  signer: TokenSigner;
  calls: AppCallContext;
  /** production (the default): thrown errors reach the caller without their message, as on a live site. */
  errors?: WebMethodErrors;
}

/**
 * Serves the project's `src/**\/*.web.ts` exports at `/_webMethods/<file>/<method>.ajax` as the Wix
 * CLI's runtime does: the body is the JSON array of arguments (else 400 "invalid request"); the
 * answer is `{result}`, or `{result: <error>, exception: true}` with status 200 for anything thrown,
 * including an unknown method and a caller the method's permission does not admit. The method runs
 * as its caller.
 */
export function mountWebMethods(router: Router, options: WebMethodOptions): void {
  const files = new Set(findWebMethodFiles(options.projectDir));
  const production = (options.errors ?? 'production') === 'production';

  const answerError = (res: ServerResponse, where: string, error: unknown) => {
    const { name, message, stack } = error instanceof Error ? error : new Error(String(error));
    console.error(`[web method] ${where} threw`, error);
    const result = production ? { name, message: PRODUCTION_ERROR_MESSAGE, stack: PRODUCTION_ERROR_MESSAGE } : { name, message, stack };
    sendJson(res, 200, { result, exception: true });
  };

  router.on('POST', '/_webMethods/*', async ({ req, res, params }) => {
    const args = parseArguments(await readRequestBody(req));
    if (!args) return void res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid request');
    const match = /^(.+\.web\.ts)\/([^/]+)\.ajax$/.exec(params.rest ?? '');
    const where = params.rest ?? '';
    try {
      if (!match || !files.has(match[1]!)) throw new Error(`Error loading web module ${match?.[1] ?? where}: Cannot find module`);
      const [, file, methodName] = match as unknown as [string, string, string];
      const module = (await import(appModuleUrl(options.projectDir, file))) as Record<string, unknown>;
      const method = module[methodName] as WebMethodFunction | undefined;
      if (typeof method !== 'function' || !method.permission) {
        throw new Error(`Error loading function from web module ${file}: function '${methodName}' not found`);
      }
      const token = req.headers.authorization;
      if (!token) throw new Error('Request is missing authentication data');
      const identity = await options.signer.readIdentity(token);
      if (!identity || !(ALLOWED_SUBJECTS[method.permission] ?? []).includes(identity.subjectType)) {
        throw new Error('Insufficient permissions');
      }
      const result = await options.calls.runAsCaller(token, () => method(...args));
      sendJson(res, 200, { result: result ?? null });
    } catch (error) {
      answerError(res, where, error);
    }
  });
}
