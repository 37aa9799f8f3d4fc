import { randomUUID } from 'node:crypto';
import { copyFile, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Marker in the names of files still being written; they are never served. */
export const TEMP_MARKER = '.tmp-';

/** Returns a unique temporary name beside `finalPath`, in the same folder so a rename is atomic. */
export function tempPathFor(finalPath: string): string {
  return join(dirname(finalPath), `${basename(finalPath)}${TEMP_MARKER}${randomUUID()}`);
}

/** Flushes a file's data to disk. */
export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder, so a rename inside it survives a crash. */
export async function fsyncFolder(path: string): Promise<void> {
  await fsyncFile(path);
}

/**
 * Moves a completely written temporary file to its final name: fsync the data,
 * rename, fsync the folder. A crash leaves either no file or the whole file under
 * `finalPath`, never a part of it.
 */
export async function commitTempFile(tempPath: string, finalPath: string): Promise<void> {
  await fsyncFile(tempPath);
  await rename(tempPath, finalPath);
  await fsyncFolder(dirname(finalPath));
}

/** Copies `source` to `finalPath` through a temporary file and commitTempFile. */
export async function copyFileAtomically(source: string, finalPath: string): Promise<void> {
  const tempPath = tempPathFor(finalPath);
  try {
    await copyFile(source, tempPath);
    await commitTempFile(tempPath, finalPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}
