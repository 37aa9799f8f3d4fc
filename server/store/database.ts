import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import Database from 'better-sqlite3';

export type Db = Database.Database;

const SCHEMA_VERSION = 1;

/**
 * Opens (creating when missing) the SQLite database in `dataDir`. WAL journaling
 * with synchronous=FULL makes every committed transaction survive a crash, and
 * an interrupted one leave no trace.
 */
export function openDatabase(dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'recordings.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version >= SCHEMA_VERSION) {
    return;
  }
  db.transaction(() => {
    db.exec(`
      CREATE TABLE recordings (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        date_created    TEXT NOT NULL,
        date_modified   TEXT NOT NULL,
        read            INTEGER NOT NULL DEFAULT 0 CHECK (read IN (0, 1)),
        duration_ms     INTEGER NOT NULL CHECK (duration_ms >= 0),
        content_length  INTEGER NOT NULL CHECK (content_length >= 0),
        -- File name of the stored original inside the data folder's media/ folder.
        media_file      TEXT NOT NULL,
        -- Container of the original as ffprobe names it, for example "ogg" or "wav".
        media_container TEXT NOT NULL,
        -- Codec of the original's audio stream, for example "opus" or "pcm_mulaw".
        media_codec     TEXT NOT NULL,
        created_by_id   TEXT NOT NULL,
        created_by_name TEXT NOT NULL,
        workspace_id    TEXT NOT NULL,
        workspace_name  TEXT NOT NULL,
        -- Conversation model as JSON, or NULL for a recording made outside a conversation.
        conversation    TEXT
      );
      CREATE INDEX recordings_by_date ON recordings (date_created DESC, id);
    `);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
