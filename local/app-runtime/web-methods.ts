import path from 'node:path';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Router } from '../emulator/platform/http.js';
import { sendJson } from '../emulator/platform/http.js';
import type { SubjectType, TokenSigner } from '../emulator/platform/identity.js';
import { createLocalClient, type LocalClient } from '../shared/local-client.js';
import { runAsCaller } from './wix-context.js';
import { appModuleUrl } from './app-modules.js';

/** Who may call a web method, as the Wix runtime decides it from the caller's token. */
const ALLOWED_SUBJECTS: Record<string, readonly SubjectType[]> = {
  Admin: ['USER'],
  SiteMember: ['MEMBER', 'USER'],
  Anyone: ['VISITOR', 'MEMBER', 'USER'],
};

type WebMethodFunction = ((...args: unknown[]) => Promise<unknown>) & { permission?: string };

const MAX_BODY_BYTES = 1024 * 1024;
/** Callers' SDK clients kept for reuse: a page calls several web methods per file with one token. */
const CALLER_CLIENTS_KEPT = 100;

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { result: { name: 'Error', message }, exception: true });
}

/** Lists the project's web method files, as paths relative to the project ("src/backend/x.web.ts"). */
export function findWebMethodFiles(projectDir: string): string[] {
  const srcDir = path.join(projectDir, 'src');
  return (fs.readdirSync(srcDir, { recursive: true }) as string[])
    .filter((file) => file.endsWith('.web.ts'))
    .map((file) => path.posix.join('src', file.split(path.sep).join('/')))
    .sort();
}

/**
 * Serves the project's `src/**\/*.web.ts` exports at `/_webMethods/<file>/<method>.ajax` as the Wix
 * runtime does: the body is the JSON array of arguments, the answer `{result}` or
 * `{result, exception: true}`, and the caller's token must satisfy the method's permission.
 */
export function mountWebMethods(router: Router, options: { projectDir: string; signer: TokenSigner; origin: () => string }): void {
  const files = new Set(findWebMethodFiles(options.projectDir));
  const callers = new Map<string, LocalClient>();
  const callerClient = (token: string): LocalClient => {
    let client = callers.get(token);
    if (!client) {
      if (callers.size >= CALLER_CLIENTS_KEPT) callers.delete(callers.keys().next().value!);
      client = createLocalClient(options.origin(), token);
      callers.set(token, client);
    }
    return client;
  };

  router.on('POST', '/_webMethods/*', async ({ req, res, params }) => {
    const match = /^(.+\.web\.ts)\/([^/]+)\.ajax$/.exec(params.rest ?? '');
    if (!match || !files.has(match[1]!)) return refuse(res, 404, `No web method at ${params.rest}`);
    const [, file, methodName] = match as unknown as [string, string, string];
    const module = (await import(appModuleUrl(options.projectDir, file))) as Record<string, unknown>;
    const method = module[methodName] as WebMethodFunction | undefined;
    if (typeof method !== 'function' || !method.permission) {
      return refuse(res, 404, `${file} exports no web method named ${methodName}`);
    }

    const token = req.headers.authorization;
    const identity = token ? await options.signer.readIdentity(token) : undefined;
    if (!token || !identity) return refuse(res, 401, 'The caller has no valid Wix session');
    const allowed = ALLOWED_SUBJECTS[method.permission] ?? [];
    if (!allowed.includes(identity.subjectType)) {
      return refuse(
        res,
        403,
        `Permission denied: ${methodName} needs ${method.permission} and the caller is a ${identity.subjectType.toLowerCase()}`,
      );
    }

    const body = await readBody(req);
    let args: unknown;
    try {
      args = body === undefined ? undefined : JSON.parse(body || '[]');
    } catch {
      args = undefined;
    }
    if (!Array.isArray(args)) return refuse(res, 400, 'invalid request: the body must be a JSON array of arguments');

    const caller = callerClient(token);
    try {
      const result = await runAsCaller(caller, () => method(...args));
      sendJson(res, 200, { result: result ?? null });
    } catch (error) {
      const { name, message } = error instanceof Error ? error : { name: 'Error', message: String(error) };
      console.error(`[web method] ${file}/${methodName} threw`, error);
      sendJson(res, 500, { result: { name, message }, exception: true });
    }
  });
}
