import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

import type { FormatId } from './formats';

/** Complete peaks of one recording in one format, as stored. */
export interface CachedPeaks {
  peaksPerSecond: number;
  min: Float32Array;
  max: Float32Array;
}

interface PeaksDb extends DBSchema {
  peaks: {
    key: string;
    value: CachedPeaks & { storedAt: number };
    indexes: { storedAt: number };
  };
}

const DB_NAME = 'recordings-player';
/** Entries kept; the oldest go first. About 800 kB each at the 100,000-peak cap. */
const MAX_ENTRIES = 200;

let dbPromise: Promise<IDBPDatabase<PeaksDb>> | undefined;

function openPeaksDb(): Promise<IDBPDatabase<PeaksDb>> {
  dbPromise ??= openDB<PeaksDb>(DB_NAME, 1, {
    upgrade(db) {
      const store = db.createObjectStore('peaks');
      store.createIndex('storedAt', 'storedAt');
    },
  });
  return dbPromise;
}

/**
 * Builds the cache key. `dateModified` is part of it because a changed
 * recording (a new file under the same id) must not reuse old peaks.
 */
export function peaksCacheKey(
  recordingId: string,
  dateModified: string,
  formatId: FormatId,
): string {
  return `${recordingId}|${dateModified}|${formatId}`;
}

/** Reads cached peaks; resolves undefined when absent or when IndexedDB is unavailable. */
export async function readCachedPeaks(key: string): Promise<CachedPeaks | undefined> {
  if (typeof indexedDB === 'undefined') {
    return undefined;
  }
  try {
    const db = await openPeaksDb();
    const entry = await db.get('peaks', key);
    return entry === undefined
      ? undefined
      : { peaksPerSecond: entry.peaksPerSecond, min: entry.min, max: entry.max };
  } catch (error) {
    console.warn('Reading cached peaks failed', key, error);
    return undefined;
  }
}

/** Stores complete peaks and drops the oldest entries beyond the limit. Failures are logged, not thrown. */
export async function writeCachedPeaks(key: string, peaks: CachedPeaks): Promise<void> {
  if (typeof indexedDB === 'undefined') {
    return;
  }
  try {
    const db = await openPeaksDb();
    const transaction = db.transaction('peaks', 'readwrite');
    await transaction.store.put({ ...peaks, storedAt: Date.now() }, key);
    const count = await transaction.store.count();
    if (count > MAX_ENTRIES) {
      let cursor = await transaction.store.index('storedAt').openCursor();
      for (let excess = count - MAX_ENTRIES; excess > 0 && cursor !== null; excess -= 1) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await transaction.done;
  } catch (error) {
    console.warn('Storing peaks failed', key, error);
  }
}
