import { Injectable } from '@nestjs/common';
import { InboxEventServer } from '../handlers/inbox-event.server.js';
import type { DeadLetterDto, DeadLetterReplayDto } from './dead-letter.dto.js';
import { DeadLetterRepository } from './dead-letter.repository.js';
import { MessagingException, MessagingExceptionCode } from './messaging.exception.js';

/** Parked events: what operators see, and their replay through the group's running consumer. */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly server: InboxEventServer,
  ) {}

  async list(all: boolean): Promise<DeadLetterDto[]> {
    const rows = await this.deadLetters.list(all);
    return rows.map((r) => ({
      id: r.id,
      group: r.consumer_group,
      topic: r.topic,
      eventId: r.event_id,
      eventType: r.event_type,
      error: r.error,
      attempts: r.attempts,
      failedAt: r.failed_at,
      replayedAt: r.replayed_at,
    }));
  }

  async replay(id: string): Promise<DeadLetterReplayDto> {
    const group = /^\d{1,18}$/.test(id) ? await this.deadLetters.pendingGroupOf(id) : undefined;
    const runner = group === undefined ? undefined : this.server.runnerOf(group);
    if (!runner) throw new MessagingException(MessagingExceptionCode.DEAD_LETTER_NOT_FOUND);
    return { id, outcome: await runner.replay(id) };
  }
}
