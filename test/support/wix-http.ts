import { requestWebMethod, UPLOADS_WEB_MODULE } from '../../clients/web-methods.js';

/** Plain HTTP calls as a client that follows only Wix's documentation would make them. */
export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function requestJson<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = init.token;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Calls an upload web method the way the Wix CLI's frontend code does (the one web-method client, clients/web-methods.ts). */
export async function callWebMethod<T>(
  origin: string,
  token: string,
  method: string,
  ...args: unknown[]
): Promise<JsonResponse<{ result: T; exception?: boolean }>> {
  return requestWebMethod<T>(origin, token, UPLOADS_WEB_MODULE, method, args);
}

/** Calls a web method of any web module by its file path, as the page's generated client does. */
export async function callWebModule<T>(
  origin: string,
  token: string,
  modulePath: string,
  method: string,
  ...args: unknown[]
): Promise<JsonResponse<{ result: T; exception?: boolean }>> {
  return requestWebMethod<T>(origin, token, modulePath, method, args);
}

export async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
