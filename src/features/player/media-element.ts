// Changes to the media element live here, outside the hooks, because the
// element is an external object the hooks only hold a reference to.

/** Sets the speed, keeping the pitch, and keeps it across source changes. */
export function setPlaybackRate(media: HTMLMediaElement, rate: number): void {
  media.preservesPitch = true;
  media.defaultPlaybackRate = rate;
  media.playbackRate = rate;
}

/** Sets the volume from 0 to 1; 0 also mutes and any other value unmutes. */
export function setVolume(media: HTMLMediaElement, volume: number): void {
  media.volume = Math.min(Math.max(volume, 0), 1);
  media.muted = volume === 0;
}

export function toggleMuted(media: HTMLMediaElement): void {
  media.muted = !media.muted;
}

/**
 * Points the element at a URL. `crossOrigin` is set only when the media
 * origin sends CORS headers: with it and without those headers the element
 * refuses to load the file at all.
 */
export function attachSource(media: HTMLMediaElement, url: string, readable: boolean): void {
  const rate = media.playbackRate;
  if (readable) {
    media.crossOrigin = 'anonymous';
  } else {
    media.removeAttribute('crossorigin');
  }
  media.src = url;
  setPlaybackRate(media, rate);
}

/** Stops playback and the download of the current file. */
export function detachSource(media: HTMLMediaElement): void {
  media.pause();
  media.removeAttribute('src');
  media.load();
}

export function setCurrentTime(media: HTMLMediaElement, seconds: number): void {
  media.currentTime = seconds;
}
