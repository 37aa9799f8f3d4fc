import { apiClient } from '../../api';
import { downloadFileName, type FormatId } from './formats';
import { pollDownloadUrl } from './media-download';

/**
 * Saves a recording in a format to the user's disk. The media URL is on
 * another origin, where browsers ignore `<a download>`, so the file is fetched
 * as a blob and saved through an object URL. A refused (expired) link is
 * requested again once. When the media origin sends no CORS headers the blob
 * cannot be read, and the link is opened instead for the browser to save.
 */
export async function downloadRecording(
  recordingId: string,
  name: string,
  formatId: FormatId,
  signal: AbortSignal,
  onPreparing?: () => void,
): Promise<{ fileName: string; savedAsBlob: boolean }> {
  for (let attempt = 1; ; attempt += 1) {
    const url = await pollDownloadUrl(apiClient, recordingId, formatId, signal, { onPreparing });
    let response: Response;
    try {
      response = await fetch(url, { signal });
    } catch (error) {
      if (signal.aborted) {
        throw error;
      }
      const fileName = downloadFileName(name, formatId);
      saveHref(url, fileName);
      return { fileName, savedAsBlob: false };
    }
    if ((response.status === 403 || response.status === 404) && attempt === 1) {
      await response.body?.cancel();
      continue;
    }
    if (!response.ok) {
      throw new Error(`The media server answered ${response.status} for the download.`);
    }
    const blob = await response.blob();
    const fileName = downloadFileName(name, formatId, response.headers.get('content-type'));
    const objectUrl = URL.createObjectURL(blob);
    try {
      saveHref(objectUrl, fileName);
    } finally {
      // The click starts the save synchronously; revoke after the browser has taken the blob.
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    }
    return { fileName, savedAsBlob: true };
  }
}

function saveHref(href: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = href;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  anchor.style.display = 'none';
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}
