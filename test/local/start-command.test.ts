import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { PROJECT_DIR } from '../../local/server.js';
import { APP_ENTRY, APP_NODE_ARGS, START_SCRIPT } from '../../local/app-command.js';
import { startChildApp } from '../support/child-app.js';
import { tempDir } from '../support/local-app.js';

/** What a failed start printed (startChildApp rejects with the process's output). */
async function failedStart(env: Record<string, string>): Promise<string> {
  const started = startChildApp(env).then(
    async (app) => {
      await app.kill();
      return 'it started';
    },
    (error: Error) => error.message,
  );
  return started;
}

/** A stack trace line, as Node prints an uncaught error. */
const STACK_LINE = /^\s+at .+[(:]\d+/m;

describe('npm start', () => {
  it('runs the app exactly as the child-process tests and the benchmarks start it', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(START_SCRIPT);
  });

  it('says which port is in use and how to choose another, without a stack trace', async () => {
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as net.AddressInfo;
    try {
      const output = await failedStart({ PORT: String(port), DATA_DIR: tempDir('rmu-start-') });
      expect(output).toMatch(/exited with 1/);
      expect(output).toContain(`Port ${port} on 127.0.0.1 is already in use`);
      expect(output).toMatch(/PORT=\d+ npm start/);
      expect(output).not.toMatch(STACK_LINE);
    } finally {
      squatter.close();
    }
  });

  it('refuses a second instance on the same data folder, naming the running one; a killed one does not block', async () => {
    const dataDir = tempDir('rmu-start-');
    const first = await startChildApp({ PORT: '0', DATA_DIR: dataDir });
    try {
      const output = await failedStart({ PORT: '0', DATA_DIR: dataDir });
      expect(output).toMatch(/exited with 1/);
      expect(output).toContain(`already runs on the data folder ${dataDir}`);
      expect(output).toContain(`process ${first.process.pid}, at ${first.url}`);
      expect(output).toMatch(/DATA_DIR=/);
      expect(output).not.toMatch(STACK_LINE);
    } finally {
      await first.kill();
    }
    // Killed, it could not clean up: its claim on the folder is stale, and the next start takes it.
    const next = await startChildApp({ PORT: '0', DATA_DIR: dataDir });
    await next.kill();
  });

  it('names the dashboard, the site page and the editor in its banner', { timeout: 180_000 }, async () => {
    const child = spawn(process.execPath, [...APP_NODE_ARGS, path.join(PROJECT_DIR, APP_ENTRY)], {
      cwd: PROJECT_DIR,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: tempDir('rmu-start-'), DASHBOARD: 'on' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (/data:/.test(output)) resolve();
        });
        child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
      });
      const origin = /running on the local Wix at (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      expect(origin).toBeDefined();
      expect(output).toContain(`${origin}/dashboard`);
      expect(output).toContain(`${origin}/site `);
      expect(output).toContain(`${origin}/site?as=member`);
      expect(output).toContain(`${origin}/site/editor`);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
