import { Controller, Get, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AllowActors } from '@profila/platform';
import { MessagingLifecycle } from '../messaging.lifecycle.js';

interface DeadLetterRow {
  id: string;
  consumer_group: string;
  topic: string;
  event_id: string | null;
  event_type: string | null;
  error: string;
  attempts: number;
  failed_at: Date;
  replayed_at: Date | null;
}

/** Operators (and ops tooling) see parked events and replay them after a fix. */
@ApiTags('messaging')
@AllowActors('operator', 'service')
@Controller('messaging/dead-letters')
export class DeadLetterController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly lifecycle: MessagingLifecycle,
  ) {}

  @Get()
  async list(@Query('all') all?: string) {
    const rows = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT id, consumer_group, topic, event_id, event_type, error, attempts, failed_at, replayed_at
       FROM dead_letter ${all === 'true' ? '' : 'WHERE replayed_at IS NULL'} ORDER BY id DESC LIMIT 500`,
    );
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

  @Post(':id/replay')
  async replay(@Param('id') id: string) {
    if (!/^\d+$/.test(id))
      throw new NotFoundException({ code: 'DEAD_LETTER_NOT_FOUND', message: 'Evento non trovato' });
    const rows = await this.dataSource.query<Array<{ consumer_group: string }>>(
      `SELECT consumer_group FROM dead_letter WHERE id = $1 AND replayed_at IS NULL`,
      [id],
    );
    const runner = rows[0] && this.lifecycle.runners.get(rows[0].consumer_group);
    if (!runner) throw new NotFoundException({ code: 'DEAD_LETTER_NOT_FOUND', message: 'Evento non trovato' });
    return { id, outcome: await runner.replay(id) };
  }
}
