import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { files, folders } from '@wix/media';
import { createClient } from '@wix/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchThroughLocalWix, localTokenAuth } from '../../local/local-client.js';
import { MEDIA_ROOT_FOLDER_ID } from '../../src/shared/media-folders.js';
import { startTestApp, tempDir } from '../support/local-app.js';
import { MP4_HEADER, md5OfUrl, writeRandomFile } from '../support/files.js';
import { UploadTraffic } from '../support/upload-traffic.js';
import { jsonLines, killUploaders, runUploader, startUploader } from './support/uploader-process.js';
import { startLinkServer } from '../support/link-server.js';
import { makePng } from '../support/files.js';

type App = Awaited<ReturnType<typeof startTestApp>>;
type Summary = {
  event: 'summary';
  exitCode: number;
  ready: number;
  failed: number;
  files: Array<{
    path: string;
    state: string;
    size: number;
    fileId?: string;
    url?: string;
    alreadyUploaded?: boolean;
    resumedFrom?: number;
  }>;
};

const MIB = 1024 * 1024;

function summaryOf(stdout: string): Summary {
  const summary = jsonLines(stdout).find((event) => event.event === 'summary');
  if (!summary) throw new Error(`no summary in:\n${stdout}`);
  return summary as Summary;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// Each test starts the uploader as its own process (tsx and the engine load each time): slow on a loaded machine.
describe('resumable-upload, the command-line uploader, on the local Wix', { timeout: 180_000 }, () => {
  let app: App;
  let traffic: UploadTraffic;
  let media: ReturnType<typeof mediaClient>;
  const root = tempDir('rmu-cli-');
  let runs = 0;

  function mediaClient(url: string, token: string) {
    return createClient({ auth: localTokenAuth(token), fetch: fetchThroughLocalWix(url), modules: { files, folders } });
  }

  /** A fresh working folder: its own .resumable-upload records. */
  function workDir(): string {
    const dir = path.join(root, `run-${++runs}`);
    fs.mkdirSync(dir);
    return dir;
  }

  /** A fresh working folder holding a copy of `dir`'s files (no records): the same files sent again as new (with --duplicates=copy). */
  function workDirWith(dir: string): string {
    const copy = workDir();
    for (const name of fs.readdirSync(dir)) if (!name.startsWith('.')) fs.copyFileSync(path.join(dir, name), path.join(copy, name));
    return copy;
  }

  /** "/clients/2026/shoot/day 1": the file's folder in the Media Manager, from the root. */
  async function folderPathOf(fileId: string): Promise<string> {
    const names: string[] = [];
    let folderId = (await media.files.getFileDescriptor(fileId)).parentFolderId ?? MEDIA_ROOT_FOLDER_ID;
    while (folderId !== MEDIA_ROOT_FOLDER_ID) {
      const folder = await media.folders.getFolder(folderId);
      names.unshift(folder.displayName ?? '?');
      folderId = folder.parentFolderId ?? MEDIA_ROOT_FOLDER_ID;
    }
    return `/${names.join('/')}`;
  }

  /** Counts the List Files requests the local Wix receives from now on. */
  function countListings() {
    let count = 0;
    let counting = true;
    app.wix.router.guard('/site-media/v1/files', (req) => {
      if (counting && req.method === 'GET' && new URL(req.url ?? '/', 'http://local').pathname === '/site-media/v1/files') count += 1;
      return false;
    });
    return { count: () => count, stop: () => (counting = false) };
  }

  beforeAll(async () => {
    app = await startTestApp();
    traffic = new UploadTraffic(app.wix.router);
    media = mediaClient(app.url, await app.issueToken('APP'));
  });
  afterEach(async () => {
    await killUploaders();
    traffic.dropHeld();
    traffic.reset();
  });
  afterAll(async () => {
    traffic.stop();
    await app.close();
    fs.rmSync(app.dataDir, { recursive: true, force: true });
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('uploads a folder tree byte for byte under --folder, with --json lines; a second run sends nothing again', async () => {
    const cwd = workDir();
    const shoot = path.join(cwd, 'shoot');
    fs.mkdirSync(path.join(shoot, 'day 1'), { recursive: true });
    fs.mkdirSync(path.join(shoot, 'day 2', 'raw'), { recursive: true });
    const written = {
      'shoot/day 1/clip.mp4': writeRandomFile(path.join(shoot, 'day 1'), 'clip.mp4', 3 * MIB + 17, MP4_HEADER),
      'shoot/day 2/raw/data.bin': writeRandomFile(path.join(shoot, 'day 2', 'raw'), 'data.bin', 700 * 1024),
      'shoot/notes.txt': writeRandomFile(shoot, 'notes.txt', 1),
    };
    fs.writeFileSync(path.join(shoot, '.DS_Store'), 'hidden');

    const first = await runUploader(['shoot', '--folder', '/clients/2026', '--labels', 'cli, test', '--json', '--url', app.url], cwd);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const events = jsonLines(first.stdout);
    expect(events[0]).toMatchObject({ event: 'start', files: 3 });
    const summary = summaryOf(first.stdout);
    expect(summary).toMatchObject({ exitCode: 0, ready: 3, failed: 0 });
    expect(summary.files.map((file) => file.path).sort()).toEqual(
      Object.keys(written)
        .map((shown) => path.normalize(shown))
        .sort(),
    );
    for (const file of summary.files) {
      const source = written[file.path.split(path.sep).join('/') as keyof typeof written];
      expect(file.state).toBe('ready');
      expect(await md5OfUrl(file.url)).toBe(source.md5);
      const descriptor = await media.files.getFileDescriptor(file.fileId!);
      expect(descriptor.labels).toEqual(['cli', 'test']);
      expect(descriptor.private).toBe(false);
    }
    const folderOf = (shown: string) => folderPathOf(summary.files.find((file) => file.path === path.normalize(shown))!.fileId!);
    expect(await folderOf('shoot/day 1/clip.mp4')).toBe('/clients/2026/shoot/day 1');
    expect(await folderOf('shoot/day 2/raw/data.bin')).toBe('/clients/2026/shoot/day 2/raw');
    expect(await folderOf('shoot/notes.txt')).toBe('/clients/2026/shoot');
    expect((await media.files.getFileDescriptor(summary.files.find((file) => file.path.endsWith('clip.mp4'))!.fileId!)).mediaType).toBe(
      'VIDEO',
    );

    traffic.reset();
    const second = await runUploader(['shoot', '--folder', '/clients/2026', '--labels', 'cli, test', '--json', '--url', app.url], cwd);
    expect(second.code).toBe(0);
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(0);
    const again = summaryOf(second.stdout);
    expect(again.files.every((file) => file.state === 'ready' && file.alreadyUploaded === true)).toBe(true);
    expect(again.files.map((file) => file.fileId).sort()).toEqual(summary.files.map((file) => file.fileId).sort());
  });

  it('imports --from-url links beside the files, with the same --folder and labels; a second run imports nothing again', async () => {
    const png = makePng(20, 10);
    const links = await startLinkServer({
      '/cloud/cover.png': { body: png, contentType: 'image/png' },
      '/cloud/gone.mov': { status: 404 },
    });
    try {
      const cwd = workDir();
      writeRandomFile(cwd, 'notes.txt', 10);
      const args = ['notes.txt', '--from-url', links.url('/cloud/cover.png'), '--from-url', links.url('/cloud/gone.mov')];
      const first = await runUploader([...args, '--folder', '/linked', '--labels', 'cli', '--json', '--url', app.url], cwd);
      const summary = summaryOf(first.stdout);
      expect(first.code).toBe(1);
      const byPath = new Map(summary.files.map((file) => [file.path, file]));
      expect(byPath.get('notes.txt')).toMatchObject({ state: 'ready' });
      const cover = byPath.get(links.url('/cloud/cover.png'));
      expect(cover).toMatchObject({ state: 'ready', size: png.length });
      expect(await folderPathOf(cover!.fileId!)).toBe('/linked');
      expect((await media.files.getFileDescriptor(cover!.fileId!)).labels).toEqual(['cli']);
      expect(byPath.get(links.url('/cloud/gone.mov'))).toMatchObject({ state: 'refused' });
      expect(traffic.creations).toBe(1);

      const hits = links.hits('/cloud/cover.png');
      const second = await runUploader(
        ['--from-url', links.url('/cloud/cover.png'), '--folder', '/linked', '--labels', 'cli', '--json', '--url', app.url],
        cwd,
      );
      expect(second.code).toBe(0);
      expect(summaryOf(second.stdout).files[0]).toMatchObject({ alreadyUploaded: true, state: 'ready' });
      expect(links.hits('/cloud/cover.png')).toBe(hits);

      const refused = await runUploader(['--from-url', 'file:///etc/passwd', '--url', app.url], cwd);
      expect(refused.code).toBe(2);
      expect(refused.stderr + refused.stdout).toContain('--from-url must start with https:// or http://');
    } finally {
      await links.close();
    }
  });

  it('says when a folder holds more files than the check reads: a file not among those read is sent', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'first.bin', 100);
    writeRandomFile(cwd, 'later.bin', 100);
    const first = await runUploader(['first.bin', '--folder', '/dups/big', '--url', app.url, '--json'], cwd);
    expect(summaryOf(first.stdout)).toMatchObject({ exitCode: 0, ready: 1 });
    // The folder fills past what the check reads: 10,000 more files beside first.bin.
    app.wix.db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
         INSERT INTO files (id, display_name, parent_folder_id, hash, size_in_bytes, private, media_type, mime_type, labels,
           operation_status, width, height, failure_code, failure_description, created_at, updated_at)
         SELECT 'filler-' || i, 'filler-' || i || '.bin', parent_folder_id, hash, size_in_bytes, private, media_type, mime_type,
           labels, operation_status, width, height, NULL, NULL, created_at, updated_at
         FROM n, files WHERE files.display_name = 'first.bin'`,
      )
      .run();

    const again = await runUploader(['later.bin', '--folder', '/dups/big', '--url', app.url, '--lang', 'en'], workDirWith(cwd));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      '/dups/big holds more than 10,000 files: only those were compared, and a file not among them is sent even if it is there already',
    );
    expect(again.stdout).toMatch(/^ready {5}later\.bin http/m);
  });

  it('skips files already in their folder by default, saying so per file and in the summary; --duplicates=copy sends them', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'cover.bin', 2000);
    writeRandomFile(cwd, 'notes.bin', 10);
    const first = await runUploader(['cover.bin', '--folder', '/dups/2026', '--url', app.url, '--json'], cwd);
    expect(summaryOf(first.stdout)).toMatchObject({ exitCode: 0, ready: 1 });
    const listings = countListings();

    // Another working folder (no records): only the Media Manager knows cover.bin is there.
    const again = workDirWith(cwd);
    const skipping = await runUploader(['cover.bin', 'notes.bin', '--folder', '/dups/2026', '--url', app.url, '--lang', 'en'], again);
    expect(skipping.code).toBe(0);
    expect(skipping.stdout).toMatch(/^skipped {3}cover\.bin: already in \/dups\/2026 \(2 kB, uploaded \w{3} \d{1,2}\)$/m);
    expect(skipping.stdout).toMatch(/^ready {5}notes\.bin http/m);
    expect(skipping.stdout).toMatch(/^1 ready, 1 skipped \(already there\) in .+\.$/m);
    expect(skipping.stderr).toBe('');
    // One listing of the one destination folder for both files.
    expect(listings.count()).toBe(1);

    traffic.reset();
    const copying = await runUploader(
      ['cover.bin', '--folder', '/dups/2026', '--url', app.url, '--json', '--duplicates=copy'],
      workDirWith(cwd),
    );
    const copied = summaryOf(copying.stdout);
    expect(copied).toMatchObject({ exitCode: 0, ready: 1 });
    expect(traffic.creations).toBe(1);
    expect(copied.files[0]!.fileId).not.toBe(summaryOf(first.stdout).files[0]!.fileId);
    const { files: inFolder } = await media.files.listFiles({
      parentFolderId: (await media.files.getFileDescriptor(copied.files[0]!.fileId!)).parentFolderId,
    });
    // Wix documents no renaming of a same-named file: both keep the name, told apart by their ids.
    expect(inFolder?.filter((file) => file.displayName === 'cover.bin')).toHaveLength(2);
    listings.stop();
  });

  it('continues a killed run from the offset the server holds, sending only the rest', async () => {
    const cwd = workDir();
    const size = 12 * MIB + 5;
    const source = writeRandomFile(cwd, 'long.bin', size);
    const args = ['long.bin', '--chunk-size', '1MiB', '--json', '--url', app.url];

    // Four chunks reach the server; the fifth is held, and the uploader is killed while it waits.
    traffic.holdPatch(5);
    const killed = startUploader(args, cwd);
    await traffic.whenHeld();
    killed.child.kill('SIGKILL');
    expect((await killed.done).signal).toBe('SIGKILL');
    traffic.dropHeld();
    expect(traffic.patchBytes).toBe(4 * MIB);

    const recordDir = path.join(cwd, '.resumable-upload', `local-${new URL(app.url).host.replace(/:/g, '-')}`, 'resume');
    const records = fs
      .readdirSync(recordDir)
      .map((name) => JSON.parse(fs.readFileSync(path.join(recordDir, name), 'utf8')) as { tusUrl: string });
    expect(records).toHaveLength(1);
    const head = await fetch(records[0]!.tusUrl, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBe(4 * MIB);

    traffic.reset();
    const resumed = await runUploader(args, cwd);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    expect(traffic.creations).toBe(0);
    expect(traffic.patchBytes).toBe(size - offset);
    const [file] = summaryOf(resumed.stdout).files;
    expect(file).toMatchObject({ state: 'ready', resumedFrom: offset });
    expect(await md5OfUrl(file!.url)).toBe(source.md5);
    expect(fs.readdirSync(recordDir)).toEqual([]);
  });

  it('names each file the Media Manager refused, apart from files not sent, and exits 1', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'fine.bin', 1000);
    writeRandomFile(cwd, 'fake.png', 1000); // declared an image by its name, but not one

    const run = await runUploader(['fine.bin', 'fake.png', '--url', app.url], cwd);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^ready {5}fine\.bin /m);
    expect(run.stdout).toMatch(/^refused {3}fake\.png: .*not a recognisable image/m);
    expect(run.stdout).toMatch(/^1 ready, 1 refused by the Media Manager in /m);
    expect(run.stderr).toMatch(/^refused: fake\.png: .*not a recognisable image/m);
  });

  it('speaks the language of LANG (German numbers and units) or of --lang over it (Hebrew), refusals told by their code', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'fine.bin', 1500);
    writeRandomFile(cwd, 'fake.png', 1000); // refused by the Media Manager: not an image

    const german = await runUploader(['fine.bin', 'fake.png', '--url', app.url], cwd, { LANG: 'de_DE.UTF-8' });
    expect(german.code).toBe(1);
    expect(german.stdout).toContain(`Lade 2 Dateien (2,5 kB) in das lokale Wix unter ${app.url} hoch\n`);
    expect(german.stdout).toMatch(/^fertig {9}fine\.bin http/m);
    expect(german.stdout).toMatch(/^abgelehnt {6}fake\.png: Der Medien-Manager konnte die Datei nicht verarbeiten/m);
    expect(german.stdout).toMatch(/^1 fertig, 1 vom Medien-Manager abgelehnt in \d+ Sek\.$/m);
    expect(german.stderr).toMatch(/^abgelehnt: fake\.png: Der Medien-Manager/m);
    expect(`${german.stdout}${german.stderr}`).not.toMatch(/\b(ready|refused|failed|Uploading)\b/);

    // LC_ALL wins over LANG, and --lang over both; the JSON lines stay as scripts read them.
    const hebrew = await runUploader(['fine.bin', 'fake.png', '--url', app.url, '--lang', 'he', '--duplicates=copy'], workDirWith(cwd), {
      LC_ALL: 'fr_FR.UTF-8',
      LANG: 'de_DE.UTF-8',
    });
    expect(hebrew.code).toBe(1);
    expect(hebrew.stdout).toContain(`מעלה 2 קבצים (2.5 kB) אל ה-Wix המקומי בכתובת ${app.url}\n`);
    expect(hebrew.stdout).toMatch(/^מוכן {2}fine\.bin http/m);
    expect(hebrew.stdout).toMatch(/^נדחה {2}fake\.png: מנהל המדיה לא הצליח לעבד את הקובץ/m);
    expect(hebrew.stdout).toMatch(/^1 מוכן, 1 נדחה על ידי מנהל המדיה תוך \d+ שנ׳\.$/m);

    const french = await runUploader(['fake.png', '--url', app.url, '--json', '--duplicates=copy'], workDirWith(cwd), {
      LC_ALL: 'fr_FR.UTF-8',
      LANG: 'de_DE',
    });
    const summary = summaryOf(french.stdout);
    expect(summary.files[0]).toMatchObject({ state: 'refused', error: { code: 'PROCESSING_FAILED' } });
    expect(JSON.stringify(summary)).not.toMatch(/Gestionnaire|Medien/);
    const usage = await runUploader(['fine.bin', '--bogus'], cwd, { LC_ALL: 'fr_FR.UTF-8' });
    expect(usage.stderr).toContain('Lancez resumable-upload --help pour voir les options.');
  });

  it('exits 2 on a wrong command line, naming what is wrong, before reaching any server', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'a.bin', 10);
    const cases: Array<[string[], RegExp, Record<string, string>?]> = [
      [['a.bin', '--bogus'], /Unknown option '--bogus'/],
      [['a.bin'], /WIX_SITE_ID is set but WIX_API_KEY is not/, { WIX_SITE_ID: 'some-site' }],
    ];
    for (const [args, message, env] of cases) {
      const run = await runUploader([...args, '--url', 'http://127.0.0.1:9'], cwd, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain('resumable-upload --help');
    }
    const json = await runUploader(['a.bin', 'missing.bin', '--json'], cwd);
    expect(json.code).toBe(2);
    expect(jsonLines(json.stdout)).toEqual([{ event: 'error', exitCode: 2, message: '"missing.bin" does not exist' }]);
    expect(json.stderr).toMatch(/^resumable-upload: "missing\.bin" does not exist$/m);

    // In the run's language: the sentence by its key, what was typed kept as typed.
    const german = await runUploader(['a.bin', '--concurrency', 'viele', '--url', 'http://127.0.0.1:9'], cwd, { LANG: 'de_DE.UTF-8' });
    expect(german.code).toBe(2);
    expect(german.stderr).toMatch(/--concurrency muss eine ganze Zahl von 1 bis \d+ sein, erhalten: „viele“/);
    const hebrew = await runUploader(['a.bin', '--folder', 'a/../b', '--lang', 'he', '--url', 'http://127.0.0.1:9'], cwd);
    expect(hebrew.code).toBe(2);
    expect(hebrew.stderr).toContain('--folder: ');
    expect(hebrew.stderr).not.toMatch(/must not contain/);
  });

  it("asks for a file's session while the owner check is on its way, and sends no byte of it when the check fails (exit 3, saying why)", async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'a.bin', 3000);
    writeRandomFile(cwd, 'b.bin', 4000);
    const webMethod = (name: string) => `/_webMethods/src/backend/uploads.web.ts/${name}.ajax`;
    let sessionAsked: () => void = () => undefined;
    const sessionRequested = new Promise<void>((resolve) => (sessionAsked = resolve));
    let sessionWhileChecking = false;
    const { router } = app.wix;
    const original = router.dispatch;
    const dispatch = original.bind(router);
    // The owner check is answered, refused, only once a session was asked for (or after 3 s, as it was before).
    router.dispatch = async (req, res, url) => {
      if (url.pathname === webMethod('createUploadSession')) sessionAsked();
      if (url.pathname !== webMethod('listFolders')) return dispatch(req, res, url);
      sessionWhileChecking = await Promise.race([sessionRequested.then(() => true), sleep(3000).then(() => false)]);
      res.writeHead(403, { 'Content-Type': 'application/json' }).end(JSON.stringify({ message: 'Forbidden: not the owner of this site' }));
      return true;
    };
    try {
      const refused = await runUploader(['a.bin', 'b.bin', '--url', app.url, '--duplicates=copy'], cwd);
      expect(sessionWhileChecking).toBe(true);
      expect(refused.code).toBe(3);
      expect(refused.stderr).toContain(`The app on the local Wix at ${app.url} did not let the site owner in: listFolders answered 403`);
      expect(refused.stdout).toBe('');
      // Not one byte of either file reached the upload host: no tus upload was even created.
      expect(traffic.creations).toBe(0);
      expect(traffic.patches).toBe(0);
    } finally {
      router.dispatch = original;
    }
  });

  it('exits 3 when the local Wix cannot be reached or will not sign the owner in', async () => {
    const cwd = workDir();
    writeRandomFile(cwd, 'a.bin', 10);
    const port = await closedPort();
    const unreachable = await runUploader(['a.bin', '--url', `http://127.0.0.1:${port}`], cwd);
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(new RegExp(`The local Wix at http://127.0.0.1:${port} could not be reached \\(ECONNREFUSED\\)`));
    const french = await runUploader(['a.bin', '--url', `http://127.0.0.1:${port}`, '--lang', 'fr'], cwd);
    expect(french.code).toBe(3);
    expect(french.stderr).toMatch(/Est-il lancé \? Lancez-le avec `npm start`/);

    const refusing = http.createServer((_req, res) => res.writeHead(403).end('{"message":"no"}'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(refusing.address() as net.AddressInfo).port}`;
      const refused = await runUploader(['a.bin', '--url', url, '--json'], cwd);
      expect(refused.code).toBe(3);
      expect(jsonLines(refused.stdout)).toEqual([
        { event: 'error', exitCode: 3, message: expect.stringContaining('gave no token of the local site') },
      ]);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});
