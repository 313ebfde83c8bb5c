import fs from 'node:fs';
import path from 'node:path';
import { requestJson } from '../../support/wix-http.js';

interface StoredFile {
  id: string;
  displayName: string;
  hash: string;
  operationStatus: string;
}

const ROOT_FOLDERS = ['MEDIA_ROOT', 'VISITOR_UPLOADS_ROOT', 'TRASH_ROOT'] as const;

/** Every file the local Wix records under one root folder, or under all three, through its own API (Search Files pages). */
export async function recordedFiles(
  origin: string,
  token: string,
  roots: readonly (typeof ROOT_FOLDERS)[number][] = ROOT_FOLDERS,
): Promise<StoredFile[]> {
  const found: StoredFile[] = [];
  for (const rootFolder of roots) {
    let cursor: string | undefined;
    do {
      const { body } = await requestJson<{ files: StoredFile[]; nextCursor?: { cursors?: { next?: string } } }>(
        `${origin}/site-media/v1/files/search`,
        { token, body: { rootFolder, paging: { limit: 100, cursor } } },
      );
      found.push(...body.files);
      cursor = body.nextCursor?.cursors?.next ?? undefined;
    } while (cursor);
  }
  return found;
}

/**
 * What is on disk matches what is recorded: every media file has a record and every record its
 * bytes; nothing outside DATA_DIR's own folders.
 */
export async function expectDiskMatchesRecords(origin: string, token: string, dataDir: string): Promise<StoredFile[]> {
  const files = await recordedFiles(origin, token);
  const onDisk = fs.readdirSync(path.join(dataDir, 'media')).sort();
  const recorded = files.map((file) => file.id).sort();
  if (JSON.stringify(onDisk) !== JSON.stringify(recorded)) {
    throw new Error(`media on disk ${JSON.stringify(onDisk)} differs from the records ${JSON.stringify(recorded)}`);
  }
  const unexpected = fs.readdirSync(dataDir).filter((entry) => !/^(media|uploads|site\.json|app\.lock|local-wix\.sqlite.*)$/.test(entry));
  if (unexpected.length > 0) throw new Error(`unexpected entries in DATA_DIR: ${unexpected.join(', ')}`);
  return files;
}
