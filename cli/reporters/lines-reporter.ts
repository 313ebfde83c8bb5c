import type { ExitCode } from '../exit-codes.js';
import type { FileView, Reporter, RunResult, TargetView } from './reporter.js';
import type { OutputStream } from './streams.js';
import {
  earlierRunNote,
  endingLine,
  eventLabeller,
  failureLines,
  resumedWording,
  sizeOf,
  skippedLine,
  startFailureText,
  startLine,
  summaryOf,
  warningLine,
  whereOf,
  type FileEvent,
  type Wording,
} from './wording.js';

/**
 * A line per file event, for logs and pipes (stdout not a terminal). With `failuresOnly` (--quiet)
 * nothing but failures and warnings, on the error stream.
 */
export class LinesReporter implements Reporter {
  private readonly label: (event: FileEvent) => string;

  constructor(
    private readonly wording: Wording,
    private readonly out: OutputStream,
    private readonly err: OutputStream,
    private readonly failuresOnly = false,
  ) {
    this.label = eventLabeller(wording);
  }

  started(target: TargetView, files: readonly FileView[]): void {
    this.say(startLine(this.wording, target, files));
  }

  changed(file: FileView): void {
    const { wording, label } = this;
    if (file.state === 'uploading' && file.resumedFrom !== undefined) {
      this.say(`${label('resuming')}${file.path} (${resumedWording(wording, file)})`);
    } else if (file.state === 'uploading') {
      this.say(`${label('uploading')}${file.path} (${sizeOf(wording, file.size)})`);
    } else if (file.state === 'importing') {
      this.say(`${label('importing')}${file.path} ${wording.t('cli.mediaManagerFetches')}`);
    } else if (file.state === 'ready') {
      this.say(`${label(file.alreadyUploaded ? 'uploaded' : 'ready')}${file.path} ${whereOf(file)}${earlierRunNote(wording, file)}`);
    } else {
      const ending = endingLine(wording, file, label) ?? skippedLine(wording, file, label);
      if (ending) this.say(ending);
    }
  }

  progressed(): void {}

  warned(message: string): void {
    this.err.write(`${warningLine(this.wording, message)}\n`);
  }

  finished(result: RunResult, _exitCode: ExitCode): void {
    this.say(summaryOf(this.wording, result));
    for (const line of failureLines(this.wording, result)) this.err.write(`${line}\n`);
    if (this.failuresOnly && result.interrupted) this.err.write(`${summaryOf(this.wording, result)}\n`);
  }

  failed(message: string, exitCode: ExitCode): void {
    this.err.write(startFailureText(this.wording, message, exitCode));
  }

  private say(line: string): void {
    if (!this.failuresOnly) this.out.write(`${line}\n`);
  }
}
