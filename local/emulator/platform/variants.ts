/**
 * Where Wix documents nothing (the upload host's error answers, what a file's `hash` is, CORS of
 * the upload host, when events come), the local Wix can answer each plausible way. With no
 * variant it answers as the app's assumptions (src/shared/wix-errors.ts) say; each variant
 * turns one assumption the other way. `WIX_VARIANT=hash-sha256,events-late npm start`, or
 * `variants` in the in-process config the tests use.
 */
export const WIX_VARIANTS = {
  'errors-status-only': 'the upload host (tus and the finalize PUT) answers errors with an HTTP status only: no code, no data',
  'hash-sha256': "a file's hash is the SHA-256 of its bytes, not their md5",
  'hash-opaque': "a file's hash looks like an md5 (32 hex digits) but is not the md5 of its bytes",
  'hash-absent': 'file descriptors carry no hash',
  'not-found-400':
    'a file or folder that does not exist is a 400 validation error with rule RESOURCE_NOT_FOUND (as the @wix/media typings declare for file descriptors), not a 404',
  'cors-dashboard': "the upload host refuses requests from the dashboard's pages (a CORS refusal: the browser gets no answer)",
  'cors-site': "the upload host refuses requests from the site's pages, where the widget is (a CORS refusal)",
  'events-late': 'File Ready and File Failed come late: WIX_EVENT_DELAY_MS after processing (3 minutes by default)',
  'events-missing': 'File Ready and File Failed never come for every second file processed',
  'cut-requests-lost':
    'the upload host keeps nothing of a PATCH that was cut short: its offset stays where the request began (tus asks a server to keep what arrived; Wix does not say)',
  'proxy-body-limit':
    'a proxy on the way to the upload host refuses request bodies over WIX_PROXY_BODY_LIMIT_BYTES (100 MB: Cloudflare Free and Pro) with a bare 413, before any byte reaches the host',
  'events-foreign':
    "File Ready also comes for files the app did not upload (the owner's own, other apps'): one more with each file processed",
} as const;

export type WixVariant = keyof typeof WIX_VARIANTS;

export const VARIANT_NAMES = Object.keys(WIX_VARIANTS) as WixVariant[];

/** How late File Ready / File Failed come under events-late, unless WIX_EVENT_DELAY_MS says. */
export const DEFAULT_EVENT_DELAY_MS = 3 * 60 * 1000;

const isVariant = (name: string): name is WixVariant => Object.hasOwn(WIX_VARIANTS, name);

/** The variants a comma-separated list names; throws naming an unknown one or two that exclude each other. */
export function parseVariants(text: string | undefined): ReadonlySet<WixVariant> {
  const names = (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '' && name !== 'default');
  const unknown = names.filter((name) => !isVariant(name));
  if (unknown.length > 0) {
    throw new Error(`WIX_VARIANT: unknown variant ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${VARIANT_NAMES.join(', ')}`);
  }
  const variants = new Set(names as WixVariant[]);
  const hashes = [...variants].filter((name) => name.startsWith('hash-'));
  if (hashes.length > 1) throw new Error(`WIX_VARIANT: ${hashes.join(' and ')} exclude each other (a file has one hash)`);
  return variants;
}

/** The variants' names in a stable order, or "default" for none: how the local Wix says what it runs. */
export function describeVariants(variants: ReadonlySet<WixVariant>): string {
  return variants.size === 0 ? 'default' : VARIANT_NAMES.filter((name) => variants.has(name)).join(',');
}
