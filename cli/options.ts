import { parseArgs } from 'node:util';
import { DEFAULT_LOCAL_WIX_URL } from '../clients/local-wix.js';
import { findUploadRequestViolations, importLinkViolation, splitFilePath } from '../src/policies/upload-request-policy.js';
import { DEFAULT_CONCURRENCY } from '../src/upload-engine/node/index.js';
import { parseByteSize } from './byte-size.js';
import { InvalidOptionValue, UsageError } from './exit-codes.js';

/** The most files the command line sends at once (the engine's DEFAULT_CONCURRENCY unless told). */
export const MAX_CONCURRENCY = 32;
export const MIN_CHUNK_SIZE = 64 * 1024;
export const MAX_CHUNK_SIZE = 1024 ** 3;

/**
 * What is done with a file whose name and size are already in its destination folder: skipped (the
 * default, `--skip-existing` or `--duplicates=skip`: a command line cannot ask, so it skips and says
 * so), or sent as a copy beside it (`--duplicates=copy`).
 */
export type DuplicatesChoice = 'skip' | 'copy';
const DUPLICATES_CHOICES: readonly DuplicatesChoice[] = ['skip', 'copy'];

/** How the run is shown: bars on a terminal, lines in a log, JSON for scripts, or nothing but failures. */
export type OutputMode = 'auto' | 'json' | 'quiet';

export interface CliOptions {
  help: boolean;
  /** Files and folders to upload, as given. */
  paths: string[];
  /** Links the Media Manager imports itself (`--from-url`, repeatable), checked by the upload request policy. */
  fromUrls: string[];
  /** The Media Manager folder path files go under, e.g. "/clients/2026"; the root when absent. */
  folder?: string;
  private: boolean;
  labels?: string[];
  concurrency: number;
  chunkSize?: number;
  output: OutputMode;
  duplicates: DuplicatesChoice;
  /** The local Wix's origin; absent when not given on the command line. */
  url?: string;
}

const FLAGS = {
  folder: { type: 'string' },
  private: { type: 'boolean' },
  labels: { type: 'string' },
  concurrency: { type: 'string' },
  'chunk-size': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  json: { type: 'boolean' },
  url: { type: 'string' },
  // The language (`--lang de`): read before the options are, by language.ts, so a wrong command line is told in it too.
  lang: { type: 'string' },
  'from-url': { type: 'string', multiple: true },
  'skip-existing': { type: 'boolean' },
  duplicates: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Reads the command line; throws a UsageError naming what is wrong. */
export function parseOptions(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: typeof FLAGS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    // Node's own sentence ("Unknown option '--foo'"), in English whatever the language.
    throw new UsageError({ key: 'cli.error.unreadable', values: { detail: error instanceof Error ? error.message : String(error) } });
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  if (values.quiet && values.json) throw new UsageError({ key: 'cli.error.quietAndJson' });
  const fromUrls = (values['from-url'] ?? []).map(linkOf);
  if (!help && positionals.length === 0 && fromUrls.length === 0) throw new UsageError({ key: 'cli.error.nothingNamed' });
  const options: CliOptions = {
    help,
    paths: positionals,
    fromUrls,
    private: values.private === true,
    concurrency: values.concurrency === undefined ? DEFAULT_CONCURRENCY : concurrencyOf(values.concurrency),
    output: values.json ? 'json' : values.quiet ? 'quiet' : 'auto',
    duplicates: duplicatesOf(values.duplicates, values['skip-existing'] === true),
  };
  if (values.folder !== undefined) options.folder = folderOf(values.folder);
  if (values.labels !== undefined) options.labels = labelsOf(values.labels);
  if (values['chunk-size'] !== undefined) options.chunkSize = chunkSizeOf(values['chunk-size']);
  if (values.url !== undefined) options.url = originOf(values.url);
  return options;
}

function duplicatesOf(text: string | undefined, skipExisting: boolean): DuplicatesChoice {
  if (text === undefined) return 'skip';
  const choice = DUPLICATES_CHOICES.find((one) => one === text);
  if (!choice) throw new UsageError({ key: 'cli.error.duplicatesChoice', values: { got: text } });
  if (skipExisting && choice !== 'skip') throw new UsageError({ key: 'cli.error.skipExistingAndCopy' });
  return choice;
}

function concurrencyOf(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    throw new UsageError({ key: 'cli.error.concurrency', values: { max: MAX_CONCURRENCY, got: text } });
  }
  return value;
}

function chunkSizeOf(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === undefined || bytes < MIN_CHUNK_SIZE || bytes > MAX_CHUNK_SIZE) {
    throw new UsageError({ key: 'cli.error.chunkSize', values: { got: text } });
  }
  return bytes;
}

/** "clients/2026" or "/clients/2026/" → "/clients/2026"; the rules of Wix's filePath apply. */
function folderOf(text: string): string | undefined {
  const segments = splitFilePath(text);
  if (segments.length === 0) return undefined;
  const folder = `/${segments.join('/')}`;
  const violations = findUploadRequestViolations({ mimeType: 'application/octet-stream', filePath: folder });
  if (violations.length > 0) throw new InvalidOptionValue('--folder', violations);
  return folder;
}

function labelsOf(text: string): string[] | undefined {
  const labels = text
    .split(',')
    .map((label) => label.trim())
    .filter((label) => label !== '');
  if (labels.length === 0) return undefined;
  const violations = findUploadRequestViolations({ mimeType: 'application/octet-stream', labels });
  if (violations.length > 0) throw new InvalidOptionValue('--labels', violations);
  return labels;
}

function linkOf(text: string): string {
  const violation = importLinkViolation(text);
  if (violation) throw new InvalidOptionValue('--from-url', [violation], true);
  return text;
}

function originOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError({ key: 'cli.error.urlNotAnAddress', values: { example: DEFAULT_LOCAL_WIX_URL, got: text } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError({ key: 'cli.error.urlScheme', values: { got: text } });
  }
  return url.origin;
}
