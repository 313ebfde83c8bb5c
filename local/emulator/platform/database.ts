import Database from 'libsql';
import path from 'node:path';

export type SqlDatabase = InstanceType<typeof Database>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS folders (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  parent_folder_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (parent_folder_id, display_name)
);
CREATE TABLE IF NOT EXISTS upload_sessions (
  id TEXT PRIMARY KEY,
  mime_type TEXT NOT NULL,
  file_name TEXT,
  size_in_bytes INTEGER,
  parent_folder_id TEXT NOT NULL,
  private INTEGER NOT NULL,
  labels TEXT NOT NULL,
  state TEXT NOT NULL,
  tus_upload_id TEXT UNIQUE,
  file_id TEXT,
  created_at TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS upload_hashes (
  tus_upload_id TEXT PRIMARY KEY,
  hashed_bytes INTEGER NOT NULL,
  state BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  parent_folder_id TEXT NOT NULL,
  hash TEXT NOT NULL,
  size_in_bytes INTEGER NOT NULL,
  private INTEGER NOT NULL,
  media_type TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  labels TEXT NOT NULL,
  operation_status TEXT NOT NULL,
  width INTEGER,
  height INTEGER,
  failure_code TEXT,
  failure_description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_by_folder ON files (parent_folder_id, created_at, id);
CREATE INDEX IF NOT EXISTS files_by_status ON files (operation_status);
CREATE TABLE IF NOT EXISTS outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  delivered_at INTEGER,
  last_error TEXT
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox (delivered_at, next_attempt_at);
CREATE TABLE IF NOT EXISTS data_items (
  collection_id TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (collection_id, id)
);
`;

/** Opens (and creates when missing) the emulator's embedded database under dataDir. */
export function openDatabase(dataDir: string): SqlDatabase {
  const db = new Database(path.join(dataDir, 'local-wix.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}
