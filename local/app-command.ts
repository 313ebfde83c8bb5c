/**
 * How `npm start` runs the local app; child processes (the kill-and-restart tests, the
 * benchmarks) start it the same way. A test keeps package.json's start script equal to it.
 *
 * --max-semi-space-size=2: V8's young generation (16 MiB semi-spaces by default) mostly holds
 * short-lived request objects here, while the bytes of uploads live outside the JS heap; 2 MiB
 * semi-spaces cut the server's resident memory by about 30 MiB at rest and under load, measured
 * by `npm run bench`, with no loss of throughput.
 */
export const APP_NODE_ARGS = ['--max-semi-space-size=2'] as const;
/** Compiles the app with esbuild, then runs it without a TypeScript loader (see the file). */
export const APP_ENTRY = 'local/start.mjs';
export const START_SCRIPT = `node ${APP_NODE_ARGS.join(' ')} ${APP_ENTRY}`;

/** The line the app prints once it serves, and how launchers read its URL back. */
export const readyLine = (url: string, mediaUrl: string) =>
  `Resumable Media Uploader is running on the local Wix at ${url} (media at ${mediaUrl})`;
export const READY_LINE = /running on the local Wix at (http:\/\/[\d.]+:(\d+)) \(media at (http:\/\/[\d.]+:(\d+))\)/;
