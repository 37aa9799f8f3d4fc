// Instrumentation that runs inside the benchmarked pages. Every time is a
// `performance.now()` value, in milliseconds since the page's navigation start.

/** Moments of one page load, filled in by `installPageMarks`. Each is null until reached. */
export interface PageMarks {
  /** Response end of the first 200 from `/transcoding` (the app), or the start of the standalone page's script, which has the URL. */
  urlReadyAt: number | null;
  /** When the Play control was enabled (the app) or the media element fired `canplay` (standalone page). */
  controlReadyAt: number | null;
  /** Whether the app's audio element had its `src` when the Play control was enabled. */
  sourceSetAtControlReady: boolean | null;
  /** When the benchmark clicked the app's Play button. */
  clickedAt: number | null;
  /** First `playing` event of a media element. */
  playingAt: number | null;
  /** First time `currentTime` moved past its value at `playing`. */
  advancingAt: number | null;
  /** When the whole waveform was drawn: peaks status `complete`, or wavesurfer's `ready`. */
  waveformCompleteAt: number | null;
  /** wavesurfer's `decode` event (standalone page only). */
  decodedAt: number | null;
  /** Whether the app's waveform came from its IndexedDB cache, which would void the run. */
  waveformFromCache: boolean | null;
  /** The first failure seen, as text. */
  error: string | null;
}

export interface MarkedWindow {
  __benchMarks: PageMarks;
  /** Watches a media element that is not in the document, such as wavesurfer's own. */
  __benchWatchMedia: (media: HTMLMediaElement) => void;
}

/**
 * Installs the marks in a page before its scripts run (pass to `addInitScript`).
 * When `clickPlay` is true it clicks the app's Play button as soon as it is
 * enabled, so the measured latency contains no human or test-driver delay.
 * Self-contained, because Playwright serialises it into the page.
 */
export function installPageMarks(options: { clickPlay: boolean; formatId: string }): void {
  const marks: PageMarks = {
    urlReadyAt: null,
    controlReadyAt: null,
    sourceSetAtControlReady: null,
    clickedAt: null,
    playingAt: null,
    advancingAt: null,
    waveformCompleteAt: null,
    decodedAt: null,
    waveformFromCache: null,
    error: null,
  };
  const target = window as unknown as MarkedWindow;
  target.__benchMarks = marks;

  try {
    localStorage.setItem('player.format', options.formatId);
  } catch (error) {
    marks.error = `Setting the player format failed: ${String(error)}`;
  }

  const onPlaying = (event: Event) => {
    if (marks.playingAt !== null) {
      return;
    }
    marks.playingAt = performance.now();
    const media = event.target as HTMLMediaElement;
    const startPosition = media.currentTime;
    const checkAdvancing = () => {
      if (media.currentTime > startPosition) {
        marks.advancingAt = performance.now();
      } else {
        setTimeout(checkAdvancing, 5);
      }
    };
    checkAdvancing();
  };
  target.__benchWatchMedia = (media) => media.addEventListener('playing', onPlaying);
  // Media events do not bubble, but a capturing listener on the document sees them.
  document.addEventListener('playing', onPlaying, true);

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as PerformanceResourceTiming[]) {
      if (
        marks.urlReadyAt === null &&
        entry.name.includes('/transcoding') &&
        entry.responseStatus === 200
      ) {
        marks.urlReadyAt = entry.responseEnd;
      }
    }
  }).observe({ type: 'resource', buffered: true });

  const inspectPlayer = () => {
    const play = document.querySelector<HTMLButtonElement>('button.player-play');
    if (play !== null && !play.disabled && marks.controlReadyAt === null) {
      marks.controlReadyAt = performance.now();
      const audio = document.querySelector('audio');
      marks.sourceSetAtControlReady = audio !== null && audio.getAttribute('src') !== null;
      if (options.clickPlay) {
        // At once, in the task that enabled the button: earlier than any person could.
        marks.clickedAt = performance.now();
        play.click();
      }
    }
    const waveform = document.querySelector('[data-testid="waveform"]');
    const status = waveform?.getAttribute('data-peaks-status');
    if (status === 'complete' && marks.waveformCompleteAt === null) {
      marks.waveformCompleteAt = performance.now();
      marks.waveformFromCache = waveform?.getAttribute('data-peaks-cached') === 'true';
    }
    if (status === 'unavailable' && marks.error === null) {
      marks.error = `Waveform unavailable: ${document.querySelector('.player-waveform-status')?.textContent ?? ''}`;
    }
    const alert = document.querySelector('.player-error');
    if (alert !== null && marks.error === null) {
      marks.error = `Player error: ${alert.textContent ?? ''}`;
    }
  };
  new MutationObserver(inspectPlayer).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled', 'data-peaks-status'],
  });
}
