import { DEFAULT_FORMAT, isFormatId, type FormatId } from './formats';

// Everything the player remembers lives in localStorage under these keys.
const FORMAT_KEY = 'player.format';
const MARK_READ_KEY = 'player.markReadOnPlay';
const POSITION_PREFIX = 'player.position.';
/** Positions kept; older ones are dropped so storage does not grow without bound. */
const MAX_POSITIONS = 100;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch (error) {
    // Private browsing modes and full storage reject writes; the player works without them.
    console.warn('Saving a player setting failed', key, error);
  }
}

export function readPreferredFormat(): FormatId {
  const stored = read(FORMAT_KEY);
  return isFormatId(stored) ? stored : DEFAULT_FORMAT;
}

export function writePreferredFormat(formatId: FormatId): void {
  write(FORMAT_KEY, formatId);
}

/** Whether playing a recording for a few seconds marks it read; on unless turned off. */
export function readMarkReadOnPlay(): boolean {
  return read(MARK_READ_KEY) !== 'false';
}

export function writeMarkReadOnPlay(enabled: boolean): void {
  write(MARK_READ_KEY, String(enabled));
}

interface StoredPosition {
  seconds: number;
  savedAt: number;
}

/** Returns the remembered position of a recording in seconds, or undefined. */
export function readPosition(recordingId: string): number | undefined {
  const raw = read(POSITION_PREFIX + recordingId);
  if (raw === null) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(raw) as Partial<StoredPosition>;
    return typeof parsed.seconds === 'number' &&
      Number.isFinite(parsed.seconds) &&
      parsed.seconds > 0
      ? parsed.seconds
      : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a position; `undefined` forgets it (for example when the recording played to the end). */
export function writePosition(recordingId: string, seconds: number | undefined): void {
  const key = POSITION_PREFIX + recordingId;
  if (seconds === undefined) {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing to forget when storage is unavailable.
    }
    return;
  }
  write(key, JSON.stringify({ seconds, savedAt: Date.now() } satisfies StoredPosition));
  prunePositions();
}

function prunePositions(): void {
  try {
    const entries: { key: string; savedAt: number }[] = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(POSITION_PREFIX)) {
        const parsed = JSON.parse(localStorage.getItem(key) ?? '{}') as Partial<StoredPosition>;
        entries.push({ key, savedAt: parsed.savedAt ?? 0 });
      }
    }
    if (entries.length <= MAX_POSITIONS) {
      return;
    }
    entries.sort((a, b) => a.savedAt - b.savedAt);
    for (const entry of entries.slice(0, entries.length - MAX_POSITIONS)) {
      localStorage.removeItem(entry.key);
    }
  } catch {
    // A malformed entry or unavailable storage only means nothing is pruned this time.
  }
}
