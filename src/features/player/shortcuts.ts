/** Playback speeds offered, from slowest to fastest. */
export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;

/** Returns the next speed step up (`direction` 1) or down (-1), staying within the offered range. */
export function stepPlaybackRate(current: number, direction: 1 | -1): number {
  const index = PLAYBACK_RATES.findIndex((rate) => rate >= current - 1e-6);
  const base = index === -1 ? PLAYBACK_RATES.length - 1 : index;
  const exact =
    PLAYBACK_RATES[base] !== undefined && Math.abs(PLAYBACK_RATES[base] - current) < 1e-6;
  let next: number;
  if (direction === 1) {
    next = exact ? base + 1 : base;
  } else {
    next = base - 1;
  }
  const clamped = Math.min(Math.max(next, 0), PLAYBACK_RATES.length - 1);
  return PLAYBACK_RATES[clamped] ?? 1;
}

export type PlayerCommand =
  | { type: 'toggle-play' }
  | { type: 'skip'; seconds: number }
  | { type: 'seek-start' }
  | { type: 'seek-end' }
  | { type: 'speed'; direction: 1 | -1 }
  | { type: 'toggle-mute' }
  | { type: 'show-shortcuts' };

/** The shortcuts as the help dialog lists them. */
export const SHORTCUT_HELP: readonly { keys: string; action: string }[] = [
  { keys: 'Space', action: 'Play or pause' },
  { keys: '← / →', action: 'Back or forward 5 seconds' },
  { keys: 'Shift + ← / →', action: 'Back or forward 15 seconds' },
  { keys: 'Home / End', action: 'Go to the start or the end' },
  { keys: '< / >', action: 'Slower or faster' },
  { keys: 'M', action: 'Mute or unmute' },
  { keys: '?', action: 'Show these shortcuts' },
];

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'time',
  'datetime-local',
  'month',
  'week',
]);

/** Whether a key press on `target` belongs to that element (typing, a select, a checkbox). */
function targetOwnsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) {
    return false;
  }
  if (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    if (TEXT_INPUT_TYPES.has(target.type)) {
      return true;
    }
    if (target.type === 'range') {
      // The seek slider takes the player's arrow keys; other sliders (volume) keep their own.
      return target.dataset.playerSeek === undefined && key.startsWith('Arrow');
    }
    return key === ' ' && (target.type === 'checkbox' || target.type === 'radio');
  }
  // Space on a focused button presses that button.
  return (
    key === ' ' && (target instanceof HTMLButtonElement || target.getAttribute('role') === 'button')
  );
}

/**
 * Maps a keydown to a player command, or undefined when the key is not a
 * shortcut or belongs to the focused element.
 */
export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'>,
): PlayerCommand | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || targetOwnsKey(event.target, event.key)) {
    return undefined;
  }
  switch (event.key) {
    case ' ':
      return { type: 'toggle-play' };
    case 'ArrowLeft':
      return { type: 'skip', seconds: event.shiftKey ? -15 : -5 };
    case 'ArrowRight':
      return { type: 'skip', seconds: event.shiftKey ? 15 : 5 };
    case 'Home':
      return { type: 'seek-start' };
    case 'End':
      return { type: 'seek-end' };
    case '<':
      return { type: 'speed', direction: -1 };
    case '>':
      return { type: 'speed', direction: 1 };
    case 'm':
    case 'M':
      return { type: 'toggle-mute' };
    case '?':
      return { type: 'show-shortcuts' };
    default:
      return undefined;
  }
}
