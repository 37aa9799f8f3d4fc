/** Maximum name length the API accepts, in Unicode code points after trimming. */
export const MAX_NAME_LENGTH = 255;

/**
 * Returns why `name` cannot be saved, or undefined when it can. The API trims a
 * name and accepts 1 to 255 characters, so the same check runs before any request.
 */
export function validateRecordingName(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') {
    return 'Enter a name.';
  }
  // The API counts code points, so an emoji is one character, not two UTF-16 units.
  const length = [...trimmed].length;
  if (length > MAX_NAME_LENGTH) {
    return `The name is ${length} characters long; use at most ${MAX_NAME_LENGTH}.`;
  }
  return undefined;
}
