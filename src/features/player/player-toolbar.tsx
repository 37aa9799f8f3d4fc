import { useEffect, useRef, useState } from 'react';

import { downloadRecording } from './download-media';
import { MEDIA_FORMATS, isFormatId, type FormatId } from './formats';
import { formatTime, timeFragment } from './time';

export interface PlayerToolbarProps {
  recordingId: string;
  name: string;
  formatId: FormatId;
  onFormatChange: (formatId: FormatId) => void;
  markReadOnPlay: boolean;
  onMarkReadOnPlayChange: (enabled: boolean) => void;
  getCurrentTime: () => number;
}

/** Format picker, download, "copy link at current time" and the mark-read setting. */
export function PlayerToolbar(props: PlayerToolbarProps) {
  const { recordingId, name, formatId } = props;
  const [notice, setNotice] = useState('');
  const [downloading, setDownloading] = useState(false);
  const downloadRef = useRef<AbortController | null>(null);

  useEffect(() => () => downloadRef.current?.abort(), []);

  const download = () => {
    downloadRef.current?.abort();
    const controller = new AbortController();
    downloadRef.current = controller;
    setDownloading(true);
    setNotice('Downloading…');
    downloadRecording(recordingId, name, formatId, controller.signal, () =>
      setNotice('Preparing the file…'),
    )
      .then(({ fileName, savedAsBlob }) => {
        setNotice(savedAsBlob ? `Saved ${fileName}.` : `Opened the file link for ${fileName}.`);
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          setNotice(`Download failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      })
      .finally(() => {
        if (!controller.signal.aborted) {
          setDownloading(false);
        }
      });
  };

  const copyLink = () => {
    const seconds = props.getCurrentTime();
    const { origin, pathname, search } = window.location;
    const link = `${origin}${pathname}${search}${timeFragment(seconds)}`;
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (clipboard === undefined) {
      setNotice(`Copy this link: ${link}`);
      return;
    }
    clipboard.writeText(link).then(
      () => setNotice(`Link at ${formatTime(seconds)} copied.`),
      () => setNotice(`Copy this link: ${link}`),
    );
  };

  return (
    <div className="player-toolbar">
      <label className="player-format">
        <span>Format</span>
        <select
          value={formatId}
          onChange={(event) => {
            if (isFormatId(event.target.value)) {
              props.onFormatChange(event.target.value);
            }
          }}
        >
          {MEDIA_FORMATS.map((format) => (
            <option key={format.id} value={format.id}>
              {format.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={download} disabled={downloading}>
        Download
      </button>
      <button type="button" onClick={copyLink}>
        Copy link at current time
      </button>
      <label className="player-mark-read">
        <input
          type="checkbox"
          checked={props.markReadOnPlay}
          onChange={(event) => props.onMarkReadOnPlayChange(event.target.checked)}
        />
        Mark as read when played
      </label>
      <p className="player-notice" role="status" aria-live="polite">
        {notice}
      </p>
    </div>
  );
}
