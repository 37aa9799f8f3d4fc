import { randomUUID } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type { RecordingRow, RecordingsStore } from '../store/recordings-store.ts';
import type { Conversation } from '../types.ts';
import { copyFileAtomically } from './atomic-file.ts';
import type { MediaTools } from './ffmpeg.ts';
import { originalExtension } from './formats.ts';
import { probeMedia, type ProbeResult } from './probe.ts';

/** User and workspace every emulated recording belongs to. */
export const EMULATOR_OWNER = {
  userId: '5f3e1c7a-2b4d-4e6f-8a9b-0c1d2e3f4a5b',
  userName: 'Emulator User',
  workspaceId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
  workspaceName: 'My Recordings',
} as const;

/** Folder of the stored originals inside the data folder. */
export function mediaFolder(dataDir: string): string {
  return join(dataDir, 'media');
}

export interface ImportSpec {
  /** Recording name; defaults to the source file name without its extension. */
  name?: string;
  read?: boolean;
  /** ISO 8601 date-time in UTC; defaults to now. */
  dateCreated?: string;
  conversation?: Conversation | null;
  /** A measurement of this same content, to skip decoding it again. */
  probe?: ProbeResult;
}

export interface ImportTarget {
  dataDir: string;
  store: RecordingsStore;
  tools?: MediaTools;
  signal?: AbortSignal;
}

/** Maximum length of a recording name, in Unicode code points, as the API accepts it. */
const MAX_NAME_CODE_POINTS = 255;

/** Returns the file name without its extension, cut to the maximum name length. */
function defaultName(source: string): string {
  const base = basename(source);
  const dot = base.lastIndexOf('.');
  const name = dot > 0 ? base.slice(0, dot) : base;
  return [...name].slice(0, MAX_NAME_CODE_POINTS).join('');
}

/**
 * Imports an audio file as a new recording. The length comes from decoding the
 * file (see probeMedia), so a file ffmpeg cannot decode is rejected with an
 * UndecodableMediaError before anything is stored. The file is copied under a
 * temporary name, flushed and renamed, and only then is the row inserted. If the
 * insert fails, the copy is removed. Safe while the emulator runs on the same data
 * folder, because SQLite in WAL mode takes writes from both processes.
 */
export async function importRecording(
  target: ImportTarget,
  source: string,
  spec: ImportSpec = {},
): Promise<RecordingRow> {
  const probe =
    spec.probe ?? (await probeMedia(source, { tools: target.tools, signal: target.signal }));
  target.signal?.throwIfAborted();

  const id = randomUUID();
  const folder = mediaFolder(target.dataDir);
  const fileName = `${id}.${originalExtension(source, probe.container)}`;
  const finalPath = join(folder, fileName);
  await mkdir(folder, { recursive: true });
  await copyFileAtomically(source, finalPath);

  try {
    target.signal?.throwIfAborted();
    const { size } = await stat(finalPath);
    const dateCreated = spec.dateCreated ?? new Date().toISOString();
    const row: RecordingRow = {
      id,
      name: spec.name ?? defaultName(source),
      date_created: dateCreated,
      date_modified: dateCreated,
      read: spec.read === true ? 1 : 0,
      duration_ms: probe.durationMs,
      content_length: size,
      media_file: fileName,
      media_container: probe.container,
      media_codec: probe.codec,
      created_by_id: EMULATOR_OWNER.userId,
      created_by_name: EMULATOR_OWNER.userName,
      workspace_id: EMULATOR_OWNER.workspaceId,
      workspace_name: EMULATOR_OWNER.workspaceName,
      conversation: spec.conversation ? JSON.stringify(spec.conversation) : null,
    };
    target.store.insert(row);
    return row;
  } catch (error) {
    await rm(finalPath, { force: true });
    throw error;
  }
}
