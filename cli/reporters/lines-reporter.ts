import { formatBytes } from '../../src/shared/format.js';
import type { ExitCode } from '../exit-codes.js';
import type { FileView, Reporter, RunResult } from './reporter.js';
import type { OutputStream } from './streams.js';
import { countOf, endingLine, failureLines, resumedWording, startFailureText, summaryOf, whereOf } from './wording.js';

const LABEL_WIDTH = 10;
const label = (text: string) => text.padEnd(LABEL_WIDTH);

/**
 * A line per file event, for logs and pipes (stdout not a terminal). With `failuresOnly` (--quiet)
 * nothing but failures and warnings, on the error stream.
 */
export class LinesReporter implements Reporter {
  constructor(
    private readonly out: OutputStream,
    private readonly err: OutputStream,
    private readonly failuresOnly = false,
  ) {}

  started(target: string, files: readonly FileView[]): void {
    this.say(`Uploading ${countOf(files)} to ${target}`);
  }

  changed(file: FileView): void {
    if (file.state === 'uploading' && file.resumedFrom !== undefined) {
      this.say(`${label('resuming')}${file.path} (${resumedWording(file)})`);
    } else if (file.state === 'uploading') {
      this.say(`${label('uploading')}${file.path} (${formatBytes(file.size)})`);
    } else if (file.state === 'importing') {
      this.say(`${label('importing')}${file.path} (the Media Manager fetches it)`);
    } else if (file.state === 'ready') {
      this.say(
        `${label(file.alreadyUploaded ? 'uploaded' : 'ready')}${file.path} ${whereOf(file)}${file.alreadyUploaded ? ' (by an earlier run)' : ''}`,
      );
    } else {
      const ending = endingLine(file, label);
      if (ending) this.say(ending);
    }
  }

  progressed(): void {}

  warned(message: string): void {
    this.err.write(`warning: ${message}\n`);
  }

  finished(result: RunResult, _exitCode: ExitCode): void {
    this.say(summaryOf(result));
    for (const line of failureLines(result)) this.err.write(`${line}\n`);
    if (this.failuresOnly && result.interrupted) this.err.write(`${summaryOf(result)}\n`);
  }

  failed(message: string, exitCode: ExitCode): void {
    this.err.write(startFailureText(message, exitCode));
  }

  private say(line: string): void {
    if (!this.failuresOnly) this.out.write(`${line}\n`);
  }
}
