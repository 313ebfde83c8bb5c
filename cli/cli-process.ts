import { EXIT_CODES } from './exit-codes.js';
import { runCli } from './run-cli.js';

const interrupt = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C does not wait for the run to wind down.
    if (interrupt.signal.aborted) process.exit(EXIT_CODES.interrupted);
    interrupt.abort();
  });
}

let exitCode: number;
try {
  exitCode = await runCli({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    signal: interrupt.signal,
  });
} catch (error) {
  process.stderr.write(
    `resumable-upload: an unexpected error (a fault of the uploader):\n${error instanceof Error ? error.stack : String(error)}\n`,
  );
  exitCode = EXIT_CODES.internalError;
}
// Exits now rather than when the last keep-alive socket closes, once what was written has been flushed.
const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(exitCode);
