import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectInputFiles } from '../../cli/input-files.js';
import { tempDir } from '../support/local-app.js';

describe('the files of a run', () => {
  const cwd = tempDir('rmu-cli-inputs-');
  afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

  function write(relative: string, content = 'x'): void {
    fs.mkdirSync(path.dirname(path.join(cwd, relative)), { recursive: true });
    fs.writeFileSync(path.join(cwd, relative), content);
  }

  it('takes named files as they are and walks named folders in name order, keeping their tree from the folder name', () => {
    write('single.mp4');
    write('shoot/b.jpg');
    write('shoot/a.jpg');
    write('shoot/day 1/c.jpg');
    write('shoot/.DS_Store');
    write('shoot/.cache/d.jpg');
    fs.symlinkSync(path.join(cwd, 'shoot'), path.join(cwd, 'shoot', 'day 1', 'loop'));
    fs.symlinkSync(path.join(cwd, 'gone'), path.join(cwd, 'shoot', 'broken'));

    const { files, skipped } = collectInputFiles(['single.mp4', 'shoot/', 'single.mp4'], cwd);
    expect(files.map(({ shown, relativePath }) => ({ shown, relativePath }))).toEqual([
      { shown: 'single.mp4', relativePath: undefined },
      { shown: path.join('shoot', 'a.jpg'), relativePath: 'shoot/a.jpg' },
      { shown: path.join('shoot', 'b.jpg'), relativePath: 'shoot/b.jpg' },
      { shown: path.join('shoot', 'day 1', 'c.jpg'), relativePath: 'shoot/day 1/c.jpg' },
    ]);
    expect(files[0]!.path).toBe(path.join(cwd, 'single.mp4'));
    expect(skipped).toEqual([`${path.join('shoot', 'broken')} (ENOENT)`]);
  });

  it('refuses a path that does not exist, and a run with nothing to upload', () => {
    expect(() => collectInputFiles(['nope.mp4'], cwd)).toThrow(
      expect.objectContaining({ name: 'UsageError', message: '"nope.mp4" does not exist' }),
    );
    fs.mkdirSync(path.join(cwd, 'empty', '.hidden'), { recursive: true });
    expect(() => collectInputFiles(['empty'], cwd)).toThrow(
      expect.objectContaining({ name: 'UsageError', message: 'There is no file to upload in "empty"' }),
    );
  });
});
