import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import { SessionRepository } from './session.repository.js';

/** How often the last-seen times gathered in memory are written, in one statement. */
export const SESSION_TOUCH_FLUSH_MS = 15_000;

/**
 * The idle timeout needs to know when a session was last used, but writing `last_seen_at` on every resolve made a
 * read into a write and a commit (≈ one per active session per second behind the gateway's 1 s cache). The times
 * are kept here and written every SESSION_TOUCH_FLUSH_MS in one UPDATE, and at shutdown; the idle check reads the
 * later of the stored and the pending time. A replica that crashes loses at most that many seconds of "last seen",
 * which can only end a session a few seconds early against a timeout of minutes.
 */
@Injectable()
export class SessionTouches implements OnModuleInit, OnApplicationShutdown {
  private pending = new Map<string, Date>();
  private timer?: NodeJS.Timeout;
  private readonly logger = createLogger('identity:sessions');

  constructor(private readonly sessions: SessionRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush(), SESSION_TOUCH_FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  touch(id: string, at: Date): void {
    const known = this.pending.get(id);
    if (!known || known < at) this.pending.set(id, at);
  }

  /** The latest use not yet written, if any. */
  lastSeen(id: string): Date | undefined {
    return this.pending.get(id);
  }

  forget(id: string): void {
    this.pending.delete(id);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.sessions.touchMany([...batch].map(([id, at]) => ({ id, at })));
    } catch (error) {
      // Keep them for the next flush (newer touches win).
      for (const [id, at] of batch) this.touch(id, at);
      this.logger.warn({ err: error, sessions: batch.size }, 'last-seen flush failed; retrying at the next one');
    }
  }
}
