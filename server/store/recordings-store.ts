import type { Conversation, FaxSummary, UserRecording } from '../types.ts';
import type { Db } from './database.ts';

/** One row of the recordings table, in the column names of the schema. */
export interface RecordingRow {
  id: string;
  name: string;
  date_created: string;
  date_modified: string;
  read: 0 | 1;
  duration_ms: number;
  content_length: number;
  media_file: string;
  media_container: string;
  media_codec: string;
  created_by_id: string;
  created_by_name: string;
  workspace_id: string;
  workspace_name: string;
  conversation: string | null;
}

export type NewRecording = RecordingRow;

export const RECORDINGS_PATH = '/api/v2/userrecordings';

/** Converts a row to the API model; the conversation is included only when expanded. */
export function toUserRecording(row: RecordingRow, expandConversation: boolean): UserRecording {
  const recording: UserRecording = {
    id: row.id,
    name: row.name,
    dateCreated: row.date_created,
    dateModified: row.date_modified,
    workspace: {
      id: row.workspace_id,
      name: row.workspace_name,
      selfUri: `/api/v2/workspaces/${row.workspace_id}`,
    },
    createdBy: {
      id: row.created_by_id,
      name: row.created_by_name,
      selfUri: `/api/v2/users/${row.created_by_id}`,
    },
    contentLength: row.content_length,
    durationMilliseconds: row.duration_ms,
    thumbnails: [],
    read: row.read === 1,
    selfUri: `${RECORDINGS_PATH}/${row.id}`,
  };
  if (expandConversation && row.conversation !== null) {
    recording.conversation = JSON.parse(row.conversation) as Conversation;
  }
  return recording;
}

/** Reads and writes recording rows. Every write is one SQLite transaction. */
export class RecordingsStore {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      page: db.prepare<[number, number], RecordingRow>(
        'SELECT * FROM recordings ORDER BY date_created DESC, id LIMIT ? OFFSET ?',
      ),
      all: db.prepare<[], RecordingRow>('SELECT * FROM recordings'),
      count: db.prepare<[], { total: number }>('SELECT count(*) AS total FROM recordings'),
      get: db.prepare<[string], RecordingRow>('SELECT * FROM recordings WHERE id = ?'),
      update: db.prepare<[string, number, string, string], RecordingRow>(
        'UPDATE recordings SET name = ?, read = ?, date_modified = ? WHERE id = ? RETURNING *',
      ),
      remove: db.prepare<[string], RecordingRow>('DELETE FROM recordings WHERE id = ? RETURNING *'),
      summary: db.prepare<[], { readCount: number | null; totalCount: number }>(
        'SELECT sum(read) AS readCount, count(*) AS totalCount FROM recordings',
      ),
      insert: db.prepare<[NewRecording]>(
        `INSERT INTO recordings (id, name, date_created, date_modified, read, duration_ms,
           content_length, media_file, media_container, media_codec, created_by_id,
           created_by_name, workspace_id, workspace_name, conversation)
         VALUES (@id, @name, @date_created, @date_modified, @read, @duration_ms,
           @content_length, @media_file, @media_container, @media_codec, @created_by_id,
           @created_by_name, @workspace_id, @workspace_name, @conversation)`,
      ),
    };
  }

  /** Returns one page, newest first, and the total count, read in one transaction. */
  page(pageSize: number, pageNumber: number): { rows: RecordingRow[]; total: number } {
    return this.db.transaction(() => ({
      rows: this.statements.page.all(pageSize, (pageNumber - 1) * pageSize),
      total: this.statements.count.get()?.total ?? 0,
    }))();
  }

  all(): RecordingRow[] {
    return this.statements.all.all();
  }

  count(): number {
    return this.statements.count.get()?.total ?? 0;
  }

  get(id: string): RecordingRow | undefined {
    return this.statements.get.get(id);
  }

  /** Applies a new name and read flag, setting date_modified when either changes; undefined when the id is unknown. */
  update(id: string, changes: { name?: string; read?: boolean }): RecordingRow | undefined {
    return this.db.transaction(() => {
      const current = this.statements.get.get(id);
      if (current === undefined) {
        return undefined;
      }
      const name = changes.name ?? current.name;
      let read = current.read;
      if (changes.read !== undefined) {
        read = changes.read ? 1 : 0;
      }
      // A PUT that changes nothing leaves dateModified alone, which keeps caches keyed on it valid.
      if (name === current.name && read === current.read) {
        return current;
      }
      return this.statements.update.get(name, read, new Date().toISOString(), id);
    })();
  }

  /** Deletes the row and returns it, so the caller can remove its files; undefined when unknown. */
  remove(id: string): RecordingRow | undefined {
    return this.statements.remove.get(id);
  }

  /** Counts from one query, so read plus unread always equals total. */
  summary(): Required<FaxSummary> {
    const row = this.statements.summary.get();
    const totalCount = row?.totalCount ?? 0;
    const readCount = row?.readCount ?? 0;
    return { readCount, unreadCount: totalCount - readCount, totalCount };
  }

  insert(row: NewRecording): void {
    this.statements.insert.run(row);
  }
}
