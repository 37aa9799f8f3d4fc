export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

const SINGLE_RANGE = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/;

/**
 * Parses a Range header for a file of `size` bytes (RFC 9110, section 14.2).
 * Returns the one byte range to send; `undefined` when the header is malformed
 * or requests several ranges, in which case the whole file is sent (the RFC
 * allows ignoring Range); or `'unsatisfiable'` for a 416 response.
 */
export function parseRangeHeader(
  header: string,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const match = SINGLE_RANGE.exec(header);
  if (match === null) {
    return undefined;
  }
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') {
    return undefined;
  }

  if (first === '') {
    // A suffix range: the last N bytes.
    const suffixLength = Number(last);
    if (suffixLength === 0 || size === 0) {
      return 'unsatisfiable';
    }
    return { start: Math.max(0, size - suffixLength), end: size - 1 };
  }

  const start = Number(first);
  if (last !== '' && Number(last) < start) {
    return undefined;
  }
  if (start >= size) {
    return 'unsatisfiable';
  }
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { start, end };
}
