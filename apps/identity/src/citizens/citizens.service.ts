import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxService } from '@profila/messaging';
import { Citizen } from './citizen.entity.js';
import { CitizensException, CitizensExceptionCode } from './citizens.exception.js';
import type { UpsertCitizenDto } from './dto/upsert-citizen.dto.js';

export interface UpsertOutcome {
  citizen: Citizen;
  created: boolean;
}

@Injectable()
export class CitizensService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * A login (or a legacy import) for a codice fiscale: creates the account the first time
   * (`citizen.registered`), refreshes the identity-provider data afterwards (`citizen.updated` when it changed).
   */
  async recordLogin(codiceFiscale: string, input: UpsertCitizenDto, at = new Date()): Promise<UpsertOutcome> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(Citizen);
      const existing = await repo.findOne({ where: { codiceFiscale }, lock: { mode: 'pessimistic_write' } });
      const isLogin = input.source !== 'migration';
      if (!existing) {
        const citizen = repo.create({
          codiceFiscale,
          nome: input.nome,
          cognome: input.cognome,
          email: input.email ?? null,
          source: input.source,
          firstLoginAt: isLogin ? at : null,
          lastLoginAt: isLogin ? at : null,
        });
        await repo.insert(citizen);
        await this.outbox.add(manager, 'citizen.registered', codiceFiscale, toEventData(citizen));
        return { citizen, created: true };
      }
      const changed =
        existing.nome !== input.nome || existing.cognome !== input.cognome || existing.email !== (input.email ?? null);
      existing.nome = input.nome;
      existing.cognome = input.cognome;
      existing.email = input.email ?? null;
      if (isLogin) {
        existing.firstLoginAt ??= at;
        existing.lastLoginAt = at;
      }
      await repo.save(existing);
      if (changed) await this.outbox.add(manager, 'citizen.updated', codiceFiscale, toEventData(existing));
      return { citizen: existing, created: false };
    });
  }

  async get(codiceFiscale: string): Promise<Citizen> {
    const citizen = await this.dataSource.getRepository(Citizen).findOneBy({ codiceFiscale });
    if (!citizen) throw new CitizensException(CitizensExceptionCode.CITIZEN_NOT_FOUND, 'Cittadino non trovato');
    return citizen;
  }
}

function toEventData(c: Citizen) {
  return { codiceFiscale: c.codiceFiscale, nome: c.nome, cognome: c.cognome, email: c.email, source: c.source };
}
