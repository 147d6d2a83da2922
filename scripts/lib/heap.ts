/**
 * JS heap in use after a forced garbage collection, through the Chrome DevTools Protocol: the page's main
 * thread (Performance.getMetrics JSHeapUsedSize) and each dedicated worker (reached with Target.setAutoAttach
 * and Runtime.getHeapUsage, since playwright opens CDP sessions on pages only).
 */
import type { CDPSession, Page } from 'playwright-core';

export interface HeapFigures {
  readonly pageBytes: number;
  readonly workerBytes: number;
  readonly workers: number;
}

export async function measureHeap(page: Page): Promise<HeapFigures> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const sessions: string[] = [];
    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    cdp.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') sessions.push(event.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
    // Existing workers are reported as attached before this call returns.
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    let nextId = 0;
    const inWorker = (sessionId: string, method: string): Promise<unknown> =>
      new Promise((resolve, reject) => {
        const id = ++nextId;
        pending.set(id, { resolve, reject });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch(reject);
      });

    let workerBytes = 0;
    for (const sessionId of sessions) {
      await inWorker(sessionId, 'HeapProfiler.collectGarbage');
      workerBytes += ((await inWorker(sessionId, 'Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    }
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const pageBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    return { pageBytes, workerBytes, workers: sessions.length };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}
