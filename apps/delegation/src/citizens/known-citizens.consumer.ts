import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CITIZEN_TOPIC_V1, type CitizenV1, type EventEnvelope } from '@profila/contracts';
import type { EventConsumer } from '@profila/messaging';

/** Keeps the known_citizen read model in step with identity. */
@Injectable()
export class KnownCitizensConsumer implements EventConsumer {
  readonly group = 'delegation.known-citizens';
  readonly topics = [CITIZEN_TOPIC_V1];

  async handle(event: EventEnvelope, manager: EntityManager): Promise<void> {
    if (event.type !== 'citizen.registered' && event.type !== 'citizen.updated') return;
    const c = event.data as CitizenV1;
    // Events of one citizen arrive in order; the guard on updated_at keeps a replayed old event from winning.
    await manager.query(
      `INSERT INTO known_citizen (codice_fiscale, nome, cognome, email, registered_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $5)
       ON CONFLICT (codice_fiscale) DO UPDATE
         SET nome = EXCLUDED.nome, cognome = EXCLUDED.cognome, email = EXCLUDED.email, updated_at = EXCLUDED.updated_at
         WHERE known_citizen.updated_at <= EXCLUDED.updated_at`,
      [c.codiceFiscale, c.nome, c.cognome, c.email, event.occurredAt],
    );
  }
}
