/**
 * The one client of the app's web methods over HTTP, as the Wix CLI's generated frontend client
 * calls them: POST the argument list to `/_webMethods/<module>/<name>.ajax` with the caller's
 * token. For Node callers: the command line, the tests, the benchmarks.
 */

/** The app's web method files, by the path the generated client calls them at. */
export const UPLOADS_WEB_MODULE = 'src/backend/uploads.web.ts';
export const VISITOR_UPLOADS_WEB_MODULE = 'src/backend/visitor-uploads.web.ts';

/** Wix's answer as it came: 200 with `{result}`, or 200 with `{result: error, exception: true}` when the method threw. */
export interface WebMethodAnswer<T> {
  status: number;
  body: { result: T; exception?: boolean };
}

/** A web method's answer as it came, whatever it was (for callers that look at the status and `exception` themselves). */
export async function requestWebMethod<T>(
  origin: string,
  token: string | undefined,
  modulePath: string,
  method: string,
  args: unknown[],
  fetchFn: typeof fetch = fetch,
): Promise<WebMethodAnswer<T>> {
  const response = await fetchFn(`${origin}/_webMethods/${modulePath}/${method}.ajax`, {
    method: 'POST',
    headers: { ...(token ? { Authorization: token } : {}), 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const text = await response.text();
  let body: WebMethodAnswer<T>['body'];
  try {
    body = (text ? JSON.parse(text) : {}) as WebMethodAnswer<T>['body'];
  } catch {
    throw new Error(`${method} answered ${response.status}: ${text.slice(0, 500)}`);
  }
  return { status: response.status, body };
}

/** A web method's result; throws when the answer is not 200 or the method threw (Wix hides its message). */
export async function callWebMethod<T>(
  origin: string,
  token: string,
  modulePath: string,
  method: string,
  args: unknown[],
  fetchFn: typeof fetch = fetch,
): Promise<T> {
  const { status, body } = await requestWebMethod<T>(origin, token, modulePath, method, args, fetchFn);
  if (status !== 200) throw new Error(`${method} answered ${status}: ${JSON.stringify(body).slice(0, 500)}`);
  if (body.exception) throw new Error(`${method} threw: ${JSON.stringify(body.result)}`);
  return body.result;
}
