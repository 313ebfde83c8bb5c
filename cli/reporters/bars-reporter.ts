import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import { formatSpeed } from '../../src/shared/format.js';
import type { ExitCode } from '../exit-codes.js';
import type { FileView, Reporter, RunResult, TargetView, RunTotals } from './reporter.js';
import type { OutputStream } from './streams.js';
import {
  earlierRunNote,
  endingLine,
  skippedLine,
  eventLabeller,
  failureLines,
  resumedWording,
  sizeOf,
  startFailureText,
  startLine,
  summaryOf,
  warningLine,
  whereOf,
  type FileEvent,
  type Wording,
} from './wording.js';

const NAME_WIDTH = 32;

/** "…/day 1/a-very-long-name.jpg", at most NAME_WIDTH characters, padded. */
function nameOf(path: string): string {
  const name = path.length > NAME_WIDTH ? `…${path.slice(path.length - NAME_WIDTH + 1)}` : path;
  return name.padEnd(NAME_WIDTH);
}

interface BarPayload {
  name: string;
  done: string;
  size: string;
  speed: string;
}

function payloadOf(wording: Wording, name: string, bytesUploaded: number, size: number, bytesPerSecond: number): BarPayload {
  return {
    name: nameOf(name),
    done: sizeOf(wording, bytesUploaded),
    size: sizeOf(wording, size),
    speed: formatSpeed(bytesPerSecond, wording.locale),
  };
}

/**
 * On a terminal: an overall bar and one bar per file being sent (cli-progress), with a line above
 * the bars for each file that ends. Failures are repeated on the error stream at the end.
 */
export class BarsReporter implements Reporter {
  private readonly bars: MultiBar;
  private overall?: SingleBar;
  private readonly fileBars = new Map<string, SingleBar>();
  private readonly label: (event: FileEvent) => string;
  private readonly allFiles: string;

  constructor(
    private readonly wording: Wording,
    private readonly out: OutputStream & NodeJS.WritableStream,
    private readonly err: OutputStream,
  ) {
    this.label = eventLabeller(wording);
    this.allFiles = wording.t('cli.allFiles');
    this.bars = new MultiBar(
      {
        stream: out,
        // cli-progress fills in {done} and {size}: "{done} of {size}" in the reader's words.
        format: `{name} {bar} {percentage}% | ${wording.t('common.bytesOf', { done: '{done}', total: '{size}' })} | {speed}`,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: false,
        stopOnComplete: false,
        autopadding: true,
        fps: 5,
      },
      Presets.shades_classic,
    );
  }

  started(target: TargetView, files: readonly FileView[]): void {
    this.bars.log(`${startLine(this.wording, target, files)}\n`);
    const total = files.reduce((sum, file) => sum + file.size, 0);
    this.overall = this.bars.create(total, 0, payloadOf(this.wording, this.allFiles, 0, total, 0));
  }

  changed(file: FileView): void {
    if (file.state === 'uploading') {
      if (!this.fileBars.has(file.path)) {
        this.fileBars.set(
          file.path,
          this.bars.create(file.size, file.bytesUploaded, payloadOf(this.wording, file.path, file.bytesUploaded, file.size, 0)),
        );
      }
      if (file.resumedFrom !== undefined) this.bars.log(`${this.label('resuming')}${file.path} (${resumedWording(this.wording, file)})\n`);
      return;
    }
    this.removeBar(file.path);
    if (file.state === 'ready') this.bars.log(`${this.label('ready')}${file.path} ${whereOf(file)}${earlierRunNote(this.wording, file)}\n`);
    const ending = endingLine(this.wording, file, this.label) ?? skippedLine(this.wording, file, this.label);
    if (ending) this.bars.log(`${ending}\n`);
  }

  progressed(files: readonly FileView[], totals: RunTotals): void {
    for (const file of files) {
      this.fileBars
        .get(file.path)
        ?.update(file.bytesUploaded, payloadOf(this.wording, file.path, file.bytesUploaded, file.size, file.bytesPerSecond));
    }
    this.overall?.update(
      totals.bytesUploaded,
      payloadOf(this.wording, this.allFiles, totals.bytesUploaded, totals.bytesTotal, totals.bytesPerSecond),
    );
  }

  warned(message: string): void {
    this.bars.log(`${warningLine(this.wording, message)}\n`);
  }

  finished(result: RunResult, _exitCode: ExitCode): void {
    for (const path of [...this.fileBars.keys()]) this.removeBar(path);
    this.overall?.update(
      result.totals.bytesUploaded,
      payloadOf(this.wording, this.allFiles, result.totals.bytesUploaded, result.totals.bytesTotal, 0),
    );
    this.bars.update(); // writes the lines logged since the last redraw: stop() does not
    this.bars.stop();
    this.out.write(`${summaryOf(this.wording, result)}\n`);
    for (const line of failureLines(this.wording, result)) this.err.write(`${line}\n`);
  }

  failed(message: string, exitCode: ExitCode): void {
    if (this.bars.isActive) this.bars.stop();
    this.err.write(startFailureText(this.wording, message, exitCode));
  }

  private removeBar(path: string): void {
    const bar = this.fileBars.get(path);
    if (!bar) return;
    this.bars.remove(bar);
    this.fileBars.delete(path);
  }
}
