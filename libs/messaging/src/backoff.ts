/** Exponential backoff with full jitter: 0..min(max, base * 2^attempt) ms. */
export function backoffMs(attempt: number, baseMs = 100, maxMs = 30_000): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A wake-up signal: wait() resolves on the next notify() or after the timeout, whichever comes first. */
export class Waker {
  private waiters: Array<() => void> = [];
  private pending = false;

  notify(): void {
    this.pending = true;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return;
    }
    await new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const finish = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', finish);
        this.waiters = this.waiters.filter((w) => w !== finish);
        resolve();
      };
      timer = setTimeout(finish, timeoutMs);
      this.waiters.push(finish);
      signal?.addEventListener('abort', finish, { once: true });
    });
    this.pending = false;
  }
}
