// Memory of a process tree read from Linux /proc: the processes of one browser
// (browser, zygotes, renderers, GPU and utility processes) found by parent pid.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessEntry {
  pid: number;
  ppid: number;
  /** Executable name from /proc/PID/stat, at most 15 characters. */
  command: string;
}

function readProcessEntry(pid: number): ProcessEntry | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // The process exited between listing and reading.
    return undefined;
  }
  // The command is in parentheses and may itself contain spaces or parentheses.
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const fields = stat.slice(close + 2).split(' ');
  return { pid, ppid: Number(fields[1]), command: stat.slice(open + 1, close) };
}

function listProcesses(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of readdirSync('/proc')) {
    if (/^\d+$/.test(name)) {
      const entry = readProcessEntry(Number(name));
      if (entry !== undefined) {
        entries.push(entry);
      }
    }
  }
  return entries;
}

/** Returns the pids of the direct children of `parentPid` whose command matches `command`. */
export function findChildPids(parentPid: number, command: RegExp): number[] {
  return listProcesses()
    .filter((entry) => entry.ppid === parentPid && command.test(entry.command))
    .map((entry) => entry.pid);
}

/** Returns `rootPid` and every process descended from it. */
export function processTree(rootPid: number): number[] {
  const childrenByParent = new Map<number, number[]>();
  for (const entry of listProcesses()) {
    const siblings = childrenByParent.get(entry.ppid) ?? [];
    siblings.push(entry.pid);
    childrenByParent.set(entry.ppid, siblings);
  }
  const tree: number[] = [];
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop() as number;
    tree.push(pid);
    pending.push(...(childrenByParent.get(pid) ?? []));
  }
  return tree;
}

/** Reads a `Name:   1234 kB` line from a /proc status-style file, in bytes. */
function readKilobyteField(path: string, field: string): number {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return 0;
  }
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match === null ? 0 : Number(match[1]) * 1024;
}

export interface TreeMemory {
  /** Sum of the resident set sizes; pages shared between processes count once per process. */
  rssBytes: number;
  /** Sum of the proportional set sizes; each shared page is split between its users. */
  pssBytes: number;
  /** Proportional set size by Chromium process type (`browser`, `renderer`, `utility:Network`, ...). */
  pssBytesByType: Map<string, number>;
  processCount: number;
}

/**
 * Returns a Chromium process's type from its command line: the `--type` switch,
 * with the utility sub-type, or `browser` when there is no `--type`. Chromium
 * rewrites its process title, so the arguments may be separated by spaces.
 */
function chromiumProcessType(pid: number): string {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
  } catch {
    return 'exited';
  }
  const type = args.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (type === undefined) {
    return 'browser';
  }
  const subType = args
    .find((arg) => arg.startsWith('--utility-sub-type='))
    ?.slice('--utility-sub-type='.length)
    .split('.')
    .pop();
  return subType === undefined ? type : `${type}:${subType}`;
}

/** Reads the current memory of `rootPid` and its descendants. */
export function readTreeMemory(rootPid: number): TreeMemory {
  const pids = processTree(rootPid);
  let rssBytes = 0;
  let pssBytes = 0;
  const pssBytesByType = new Map<string, number>();
  for (const pid of pids) {
    const pss = readKilobyteField(`/proc/${pid}/smaps_rollup`, 'Pss');
    rssBytes += readKilobyteField(`/proc/${pid}/status`, 'VmRSS');
    pssBytes += pss;
    const type = chromiumProcessType(pid);
    pssBytesByType.set(type, (pssBytesByType.get(type) ?? 0) + pss);
  }
  return { rssBytes, pssBytes, pssBytesByType, processCount: pids.length };
}

/** Samples the memory of a process tree at a fixed interval and keeps the peaks. */
export class TreeMemorySampler {
  peakRssBytes = 0;
  peakPssBytes = 0;
  /** Proportional set size by process type at the sample with the highest total. */
  pssBytesByTypeAtPeak = new Map<string, number>();
  maxProcessCount = 0;
  sampleCount = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rootPid: number,
    private readonly intervalMs: number,
  ) {}

  /** Takes one sample now and returns it. */
  sample(): TreeMemory {
    const memory = readTreeMemory(this.rootPid);
    this.peakRssBytes = Math.max(this.peakRssBytes, memory.rssBytes);
    if (memory.pssBytes > this.peakPssBytes) {
      this.peakPssBytes = memory.pssBytes;
      this.pssBytesByTypeAtPeak = memory.pssBytesByType;
    }
    this.maxProcessCount = Math.max(this.maxProcessCount, memory.processCount);
    this.sampleCount += 1;
    return memory;
  }

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
