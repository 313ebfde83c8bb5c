import type { IncomingMessage } from 'node:http';
import { WixApiError } from './api-error.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * How much of an over-limit body is read and thrown away before the refusal is sent. A client
 * that writes its whole body before reading the answer (most do) would otherwise see its
 * connection reset (EPIPE) instead of the 413; past this much, the connection is cut.
 */
const DISCARD_LIMIT = 64 * 1024 * 1024;
const DISCARD_TIMEOUT_MS = 10_000;

/** Marks an error whose answer must close the connection: the rest of the body was not read. */
export const UNREAD_BODY = Symbol('unread request body');

function tooLarge(limitBytes: number, unread: boolean): WixApiError {
  const error = WixApiError.application(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limitBytes} bytes`);
  if (unread) Object.assign(error, { [UNREAD_BODY]: true });
  return error;
}

/** Reads and discards the rest of an over-limit body; false when it was cut short. */
async function discardRest(req: IncomingMessage, alreadyRead: number): Promise<boolean> {
  let discarded = alreadyRead;
  const timer = setTimeout(() => req.destroy(), DISCARD_TIMEOUT_MS);
  try {
    for await (const chunk of req) {
      discarded += (chunk as Buffer).length;
      if (discarded > DISCARD_LIMIT) return false;
    }
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The one reader of request bodies: at most `limitBytes`, else a 413 that the client gets to see
 * (the rest of the body is read and discarded first, up to a bound).
 */
export async function readRequestBody(req: IncomingMessage, limitBytes = DEFAULT_BODY_LIMIT): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limitBytes || declared > limitBytes) {
        const drained = declared > DISCARD_LIMIT ? false : await discardRest(req, size);
        throw tooLarge(limitBytes, !drained);
      }
      chunks.push(buffer);
    }
  } catch (error) {
    if (error instanceof WixApiError) throw error;
    throw new RequestAborted();
  }
  return Buffer.concat(chunks);
}

/** The client went away before its body was read whole: nobody is left to answer, a line in the log says so. */
export class RequestAborted extends Error {
  constructor() {
    super('request aborted: the client cut its body off before the end');
  }
}

/**
 * Nesting JSON may have: Jackson's default (StreamReadConstraints.maxNestingDepth), which many
 * HTTP gateways keep; a body nested deeper costs a parse for nothing and is refused before it.
 */
export const MAX_JSON_DEPTH = 1000;

/** Whether JSON text nests arrays and objects deeper than `max` (one pass over the text, strings skipped). */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (inString) {
      if (code === 0x5c) at++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return true;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return false;
}

/** The media type of a request without its parameters, lower-cased ("application/json"). */
export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}
