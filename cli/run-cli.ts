import { ConnectError, EXIT_CODES, UsageError, type ExitCode } from './exit-codes.js';
import { helpText } from './help.js';
import { cliWording } from './language.js';
import type { Wording } from '../src/i18n/describe.js';
import { collectInputFiles } from './input-files.js';
import { parseOptions, type CliOptions, type OutputMode } from './options.js';
import { openRunRecords } from './records.js';
import { chooseReporter } from './reporters/choose.js';
import type { OutputStream } from './reporters/streams.js';
import { chooseTarget } from './targets/choose.js';
import type { TargetConnection, UploadTarget } from './targets/target.js';
import type { RunResult } from './reporters/reporter.js';
import { runUploads } from './run-uploads.js';
import { planLinks, planUploads, type PlannedFile } from './upload-plan.js';

export interface CliContext {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: OutputStream & NodeJS.WritableStream;
  stderr: OutputStream;
  /** Aborted by Ctrl-C: the run stops, keeping its resume records. */
  signal: AbortSignal;
}

const STATUS_POLL_INTERVAL_MS = 1000;

/** `resumable-upload`: the whole command, its exit code as the result. */
export async function runCli(context: CliContext): Promise<ExitCode> {
  const wording = cliWording(context.argv, context.env);
  let options: CliOptions;
  try {
    options = parseOptions(context.argv);
  } catch (error) {
    // The command line could not be read: --json is honoured if it is there at all.
    const mode: OutputMode = context.argv.includes('--json') ? 'json' : 'auto';
    return usageFailure(chooseReporter(mode, wording, context.stdout, context.stderr).reporter, error, wording);
  }
  if (options.help) {
    context.stdout.write(helpText(wording));
    return EXIT_CODES.allReady;
  }
  const { reporter, progressIntervalMs } = chooseReporter(options.output, wording, context.stdout, context.stderr);

  let planned: PlannedFile[];
  let target: UploadTarget;
  let skipped: string[];
  let records: ReturnType<typeof openRunRecords>;
  try {
    target = chooseTarget(options, context.env);
    const inputs = options.paths.length > 0 ? collectInputFiles(options.paths, context.cwd) : { files: [], skipped: [] };
    skipped = inputs.skipped;
    let warnedOfRecords = false;
    records = openRunRecords(context.cwd, target.recordsName, (error) => {
      if (warnedOfRecords) return;
      warnedOfRecords = true;
      reporter.warned(wording.t('cli.recordsUnwritable', { reason: error instanceof Error ? error.message : String(error) }));
    });
    const settings = { filePath: options.folder, labels: options.labels, private: options.private };
    planned = [
      ...planUploads(inputs.files, settings, records.resumeStore, records.finished),
      ...planLinks(options.fromUrls, settings, records.finished),
    ];
    assertDistinct(planned);
  } catch (error) {
    if (error instanceof UsageError) return usageFailure(reporter, error, wording);
    throw error;
  }

  const unreachable = (error: unknown): ExitCode => {
    if (!(error instanceof ConnectError)) throw error;
    reporter.failed(error.told(wording), EXIT_CODES.unreachable);
    return EXIT_CODES.unreachable;
  };
  let connection: TargetConnection;
  try {
    connection = await target.connect();
  } catch (error) {
    return unreachable(error);
  }

  let result: RunResult;
  try {
    result = await runUploads(
      target,
      planned,
      {
        concurrency: options.concurrency,
        chunkSize: options.chunkSize,
        progressIntervalMs,
        statusPollIntervalMs: STATUS_POLL_INTERVAL_MS,
        duplicates: options.duplicates,
      },
      {
        backend: connection.backend,
        // Nothing is told of the run until the target let us in.
        admitted: connection.admitted.then(() => {
          for (const entry of skipped) reporter.warned(wording.t('cli.leftOut', { entry }));
        }),
        ...records,
        reporter,
        wording,
        signal: context.signal,
      },
    );
  } catch (error) {
    return unreachable(error);
  }
  const exitCode = result.interrupted
    ? EXIT_CODES.interrupted
    : result.totals.failed + result.totals.refused > 0
      ? EXIT_CODES.filesFailed
      : EXIT_CODES.allReady;
  reporter.finished(result, exitCode);
  return exitCode;
}

function usageFailure(reporter: { failed(message: string, exitCode: ExitCode): void }, error: unknown, wording: Wording): ExitCode {
  if (!(error instanceof UsageError)) throw error;
  reporter.failed(error.told(wording), EXIT_CODES.usage);
  return EXIT_CODES.usage;
}

/** Two files that would land as the same file in the same folder: the engine would refuse the second. */
function assertDistinct(planned: readonly PlannedFile[]): void {
  const byFingerprint = new Map<string, PlannedFile>();
  for (const file of planned) {
    const earlier = byFingerprint.get(file.fingerprint);
    if (earlier) {
      throw new UsageError({ key: 'cli.error.sameFileTwice', values: { first: earlier.input.shown, second: file.input.shown } });
    }
    byFingerprint.set(file.fingerprint, file);
  }
}
