import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { EventOf } from '@profila/contracts';
import { type InboxContext, InboxEventPattern } from '@profila/messaging';
import { EmploymentRepository } from './employment.repository.js';

/** COB's comunicazioni obbligatorie → the employment records' read model. */
@Controller()
export class EmploymentEventsController {
  constructor(private readonly employment: EmploymentRepository) {}

  @InboxEventPattern('employment.communicated', { group: 'raa.employment-records' })
  async communicated(@Payload() event: EventOf<'employment.communicated'>, @Ctx() context: InboxContext) {
    const c = event.data;
    await this.employment.upsertFromCommunication(context.getManager(), {
      relationshipId: c.relationshipId,
      workerCf: c.lavoratore.codiceFiscale,
      employerCf: c.datoreDiLavoro.codiceFiscale,
      employerName: c.datoreDiLavoro.ragioneSociale,
      startDate: c.dataInizio,
      endDate: c.dataFine,
      contractType: c.tipologiaContrattuale,
      lastCommunicationId: c.communicationId,
      lastCommunicationKind: c.tipoComunicazione,
      source: 'cob',
      communicatedAt: new Date(event.occurredAt),
    });
  }
}
