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
      setProgressHandler: (handler) =>
        inner.setProgressHandler((bytesSent) => {
          if (method === 'PATCH' && stack.cutPatchAfter !== undefined && bytesSent >= stack.cutPatchAfter) {
            stack.cutPatchAfter = undefined;
            (inner.getUnderlyingObject() as { destroy(error: Error): void }).destroy(new Error('ECONNRESET (a cut link)'));
          }
          handler(bytesSent);
        }),
      abort: () => inner.abort(),
      getUnderlyingObject: () => inner.getUnderlyingObject(),
      async send(body: unknown): Promise<HttpResponse> {
        const record: RecordedRequest = { method, url, bodyBytes: sizeOf(body) };
        stack.requests.push(record);
        stack.beforeSend?.(record);
        const response = await inner.send(stack.rewriteBody ? stack.rewriteBody(record, body) : body);
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
