import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { inspectFile } from '../../local/emulator/media/inspect.js';
import { tempDir } from '../support/local-app.js';
import { MP4_HEADER, makePng, writeRandomFile } from '../support/files.js';

describe('what the Media Manager makes of the bytes', () => {
  const dir = tempDir();

  it('takes the media type from the content when the declared type is generic, and does not fail it', async () => {
    const png = path.join(dir, 'blob');
    fs.writeFileSync(png, makePng(10, 20));
    expect(await inspectFile(png, 'application/octet-stream')).toEqual({
      mediaType: 'IMAGE',
      mimeType: 'image/png',
      width: 10,
      height: 20,
    });
    const video = writeRandomFile(dir, 'clip', 4096, MP4_HEADER);
    const inspected = await inspectFile(video.path, 'application/zip');
    expect(inspected.mediaType).toBe('VIDEO');
    expect(inspected.failure).toBeUndefined();
  });

  it('fails bytes that contradict a declared image, video or audio type', async () => {
    const png = path.join(dir, 'really-a.png');
    fs.writeFileSync(png, makePng(4, 4));
    expect((await inspectFile(png, 'video/mp4')).failure?.code).toBe('FILE_TYPE_MISMATCH');
    const noise = writeRandomFile(dir, 'noise', 4096);
    expect((await inspectFile(noise.path, 'image/jpeg')).failure?.code).toBe('UNRECOGNIZED_CONTENT');
  });
});
