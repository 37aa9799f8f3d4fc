import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const SEGMENT_ID = 0x18538067;
/** EBML ids of the top-level elements inside a Matroska Segment that the tests look for. */
export const EBML_IDS = { info: 0x1549a966, cues: 0x1c53bb6b, cluster: 0x1f43b675 } as const;
const DURATION_ID = 0x4489;

/** Reads an EBML variable-length integer; `keepMarker` keeps the length bit, as element ids do. */
function readVint(
  data: Buffer,
  offset: number,
  keepMarker: boolean,
): { value: number; length: number } {
  const first = data[offset];
  if (first === undefined || first === 0) {
    throw new Error(`No EBML number at byte ${offset}.`);
  }
  let length = 1;
  let mask = 0x80;
  while ((first & mask) === 0) {
    mask >>= 1;
    length += 1;
  }
  let value = keepMarker ? first : first & (mask - 1);
  for (let index = 1; index < length; index += 1) {
    value = value * 256 + (data[offset + index] ?? 0);
  }
  return { value, length };
}

interface Element {
  id: number;
  dataStart: number;
  dataEnd: number;
}

function* children(data: Buffer, start: number, end: number): Generator<Element> {
  let offset = start;
  while (offset < end) {
    const id = readVint(data, offset, true);
    offset += id.length;
    const size = readVint(data, offset, false);
    offset += size.length;
    const dataEnd = Math.min(end, offset + size.value);
    yield { id: id.value, dataStart: offset, dataEnd };
    offset = dataEnd;
  }
}

export interface WebmLayout {
  /** Ids of the Segment's direct children, in file order. */
  segmentChildren: number[];
  /** Whether the Info element has a Duration. */
  hasDuration: boolean;
}

/** Lists the top-level elements of a WebM file's Segment, walking the EBML structure. */
export function inspectWebm(data: Buffer): WebmLayout {
  for (const element of children(data, 0, data.length)) {
    if (element.id !== SEGMENT_ID) {
      continue;
    }
    const segmentChildren: number[] = [];
    let hasDuration = false;
    for (const child of children(data, element.dataStart, element.dataEnd)) {
      segmentChildren.push(child.id);
      if (child.id === EBML_IDS.info) {
        hasDuration = [...children(data, child.dataStart, child.dataEnd)].some(
          (entry) => entry.id === DURATION_ID,
        );
      }
    }
    return { segmentChildren, hasDuration };
  }
  throw new Error('The file has no Matroska Segment.');
}

export interface FfprobeSummary {
  formatName: string;
  /** Duration from the container header, in seconds; undefined when the header has none. */
  duration: number | undefined;
  codecName: string;
  sampleRate: number;
}

/** Reads container, header duration, codec and sample rate of a file's first audio stream with ffprobe. */
export async function ffprobeSummary(path: string): Promise<FfprobeSummary> {
  const { stdout } = await execFileAsync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'a:0',
    '-show_entries',
    'format=format_name,duration:stream=codec_name,sample_rate',
    '-of',
    'json',
    path,
  ]);
  const parsed = JSON.parse(stdout) as {
    format: { format_name: string; duration?: string };
    streams: { codec_name: string; sample_rate: string }[];
  };
  const stream = parsed.streams[0];
  if (stream === undefined) {
    throw new Error(`${path} has no audio stream.`);
  }
  const duration =
    parsed.format.duration === undefined ? undefined : Number(parsed.format.duration);
  return {
    formatName: parsed.format.format_name,
    duration: Number.isFinite(duration) ? duration : undefined,
    codecName: stream.codec_name,
    sampleRate: Number(stream.sample_rate),
  };
}
