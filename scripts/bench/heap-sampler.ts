// JavaScript heap sizes read over the Chrome DevTools Protocol: the page's from
// `Performance.getMetrics`, and each dedicated worker's from `Runtime.getHeapUsage`.
// Array buffers (fetched files, decoded audio) live outside the JS heap, so the
// process memory from /proc is the figure that shows them.
import type { Browser, CDPSession, Page } from '@playwright/test';

interface TargetMessage {
  id?: number;
  result?: { usedSize?: number };
}

/** Samples the heap of one page and of the workers it starts, keeping the peaks. */
export class HeapSampler {
  peakPageHeapBytes = 0;
  /** Peak of the sum over all workers alive at one sample; null when no worker was seen. */
  peakWorkerHeapBytes: number | null = null;
  private pageSession: CDPSession | undefined;
  private browserSession: CDPSession | undefined;
  /** Worker sessions opened with `Target.attachToTarget`, by target id. */
  private readonly workerSessions = new Map<string, string>();
  private readonly workerHeaps = new Map<string, number>();
  private nextMessageId = 1;
  private timer: NodeJS.Timeout | undefined;
  private sampling = false;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly intervalMs: number,
  ) {}

  async start(): Promise<void> {
    this.pageSession = await this.page.context().newCDPSession(this.page);
    await this.pageSession.send('Performance.enable');
    this.browserSession = await this.browser.newBrowserCDPSession();
    // Sessions without `flatten` carry their replies in these events.
    this.browserSession.on('Target.receivedMessageFromTarget', (event) => {
      const targetId = [...this.workerSessions].find(([, id]) => id === event.sessionId)?.[0];
      const message = JSON.parse(event.message) as TargetMessage;
      if (targetId !== undefined && typeof message.result?.usedSize === 'number') {
        this.workerHeaps.set(targetId, message.result.usedSize);
        const sum = [...this.workerHeaps.values()].reduce((total, size) => total + size, 0);
        this.peakWorkerHeapBytes = Math.max(this.peakWorkerHeapBytes ?? 0, sum);
      }
    });
    this.timer = setInterval(() => void this.sample(), this.intervalMs);
  }

  /** Takes one sample; a sample still waiting for the browser makes this one a no-op. */
  async sample(): Promise<void> {
    if (this.sampling || this.pageSession === undefined || this.browserSession === undefined) {
      return;
    }
    this.sampling = true;
    try {
      const { metrics } = await this.pageSession.send('Performance.getMetrics');
      const used = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
      this.peakPageHeapBytes = Math.max(this.peakPageHeapBytes, used);
      await this.sampleWorkers(this.browserSession);
    } catch {
      // The page or browser closed while a sample was in flight; the peaks so far stand.
    } finally {
      this.sampling = false;
    }
  }

  private async sampleWorkers(session: CDPSession): Promise<void> {
    const { targetInfos } = await session.send('Target.getTargets');
    const workers = targetInfos.filter((info) => info.type === 'worker');
    for (const worker of workers) {
      let sessionId = this.workerSessions.get(worker.targetId);
      if (sessionId === undefined) {
        ({ sessionId } = await session.send('Target.attachToTarget', {
          targetId: worker.targetId,
          flatten: false,
        }));
        this.workerSessions.set(worker.targetId, sessionId);
      }
      const message = { id: this.nextMessageId++, method: 'Runtime.getHeapUsage' };
      await session.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify(message),
      });
    }
    const alive = new Set(workers.map((worker) => worker.targetId));
    for (const targetId of this.workerHeaps.keys()) {
      if (!alive.has(targetId)) {
        this.workerHeaps.delete(targetId);
      }
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pageSession?.detach().catch(() => undefined);
    await this.browserSession?.detach().catch(() => undefined);
  }
}
