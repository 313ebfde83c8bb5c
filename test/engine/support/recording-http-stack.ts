import { Readable, Transform } from 'node:stream';
import { DefaultHttpStack, type HttpRequest, type HttpResponse, type HttpStack } from 'tus-js-client';

export interface RecordedRequest {
  method: string;
  url: string;
  /** The size of the body handed to the request (an upper bound of what reached the server). */
  bodyBytes: number;
  status?: number;
  /** Upload-Offset of the answer. */
  uploadOffset?: number;
}

function sizeOf(body: unknown): number {
  if (body && typeof body === 'object') {
    const { size, length } = body as { size?: unknown; length?: unknown };
    if (typeof size === 'number') return size;
    if (typeof length === 'number') return length;
  }
  return 0;
}

/** `body` (a file's slice, as tus-js-client reads it in Node) up to `bytes`; then the request's connection is cut. */
function cutShort(body: unknown, bytes: number, request: HttpRequest): unknown {
  if (!(body instanceof Readable)) throw new Error('cutPatchAfter needs a streamed body (a file read from disk)');
  let passed = 0;
  const cut = () => (request.getUnderlyingObject() as { destroy(error: Error): void }).destroy(new Error('ECONNRESET (a cut link)'));
  const shortened = body.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        const room = bytes - passed;
        if (room <= 0) return done();
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        passed += part.length;
        // A link's pace (64 KiB each 2 ms, about 30 MiB/s), so that tus-js-client's progress, told every 100 ms, follows.
        setTimeout(() => done(null, part), 2);
        // What was written reaches the server before the connection goes, as on a link cut mid-request.
        if (passed >= bytes) setTimeout(cut, 50);
      },
    }),
  );
  // tus-js-client sends a body's size as its Content-Length: the request still announces the whole slice.
  return Object.assign(shortened, { size: sizeOf(body) });
}

/**
 * tus-js-client's own Node HTTP stack, recording each request; hooks can break a request
 * (throw in beforeSend: a network fault) or act when an answer arrives (before tus sees it).
 */
export class RecordingHttpStack implements HttpStack {
  readonly requests: RecordedRequest[] = [];
  beforeSend: ((request: RecordedRequest) => void) | undefined;
  /** Replaces a request's body on its way out (e.g. to corrupt it, as a faulty link would). */
  rewriteBody: ((request: RecordedRequest, body: unknown) => unknown) | undefined;
  afterResponse: ((request: RecordedRequest) => void) | undefined;
  /** Cuts the next PATCH once it has sent this many bytes: its connection closes mid-body, as a dropped link's would. */
  cutPatchAfter: number | undefined;
  private readonly inner = new DefaultHttpStack({});

  getName(): string {
    return 'RecordingHttpStack';
  }

  createRequest(method: string, url: string): HttpRequest {
    const inner = this.inner.createRequest(method, url);
    const stack = this;
    return {
      getMethod: () => inner.getMethod(),
      getURL: () => inner.getURL(),
      setHeader: (header, value) => inner.setHeader(header, value),
      getHeader: (header) => inner.getHeader(header),
      setProgressHandler: (handler) => inner.setProgressHandler(handler),
      abort: () => inner.abort(),
      getUnderlyingObject: () => inner.getUnderlyingObject(),
      async send(body: unknown): Promise<HttpResponse> {
        const record: RecordedRequest = { method, url, bodyBytes: sizeOf(body) };
        stack.requests.push(record);
        stack.beforeSend?.(record);
        const cutAfter = method === 'PATCH' ? stack.cutPatchAfter : undefined;
        if (cutAfter !== undefined) stack.cutPatchAfter = undefined;
        const rewritten = stack.rewriteBody ? stack.rewriteBody(record, body) : body;
        const response = await inner.send(cutAfter === undefined ? rewritten : cutShort(rewritten, cutAfter, inner));
        record.status = response.getStatus();
        const offset = response.getHeader('Upload-Offset');
        if (offset !== undefined) record.uploadOffset = Number(offset);
        stack.afterResponse?.(record);
        return response;
      },
    };
  }

  count(method: string): number {
    return this.requests.filter((request) => request.method === method).length;
  }

  bytesSent(since = 0): number {
    return this.requests.slice(since).reduce((sum, request) => sum + (request.method === 'PATCH' ? request.bodyBytes : 0), 0);
  }
}
