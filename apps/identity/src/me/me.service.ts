import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import type { Citizen } from '../citizens/citizen.entity.js';
import { CitizensService, EDITABLE_FIELDS, type EditableData } from '../citizens/citizens.service.js';
import type { Session } from '../sessions/session.entity.js';
import { SessionsException, SessionsExceptionCode } from '../sessions/sessions.exception.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { normaliseCountry, TITOLI_STUDIO } from './anagrafica-lists.js';
import { DelegationClient } from './delegation.client.js';
import { UpdateAnagraficaDto } from './dto/update-anagrafica.dto.js';
import { MeException, MeExceptionCode } from './me.exception.js';

function actingForOf(session: Session) {
  return session.actingFor
    ? {
        organizationId: session.actingFor,
        ragioneSociale: session.actingForRagioneSociale ?? '',
        codiceFiscale: session.actingForCodiceFiscale ?? '',
      }
    : null;
}

function flatten(errors: ValidationError[], fields: Record<string, string>, messages: string[]): void {
  for (const e of errors) {
    const constraints = Object.values(e.constraints ?? {});
    if (constraints.length > 0) {
      fields[e.property] ??= constraints[0];
      messages.push(...constraints.map((c) => `${e.property}: ${c}`));
    }
    if (e.children?.length) flatten(e.children, fields, messages);
  }
}

/** The logged-in citizen's own data: who they are, their anagrafica, whom they act for. */
@Injectable()
export class MeService {
  constructor(
    private readonly citizens: CitizensService,
    private readonly sessions: SessionsService,
    private readonly delegation: DelegationClient,
  ) {}

  async me(session: Session) {
    const citizen = await this.citizens.get(session.codiceFiscale);
    return {
      codiceFiscale: citizen.codiceFiscale,
      nome: citizen.nome,
      cognome: citizen.cognome,
      spidLevel: Number(session.spidLevel.replace(/^L/, '')),
      idp: session.idp,
      actingFor: actingForOf(session),
    };
  }

  async anagrafica(codiceFiscale: string) {
    return anagraficaView(await this.citizens.get(codiceFiscale));
  }

  /** Validates everything first (Italian message per field); nothing is saved unless every field is valid. */
  async updateAnagrafica(codiceFiscale: string, body: unknown) {
    const dto = plainToInstance(UpdateAnagraficaDto, body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (typeof body !== 'object' || body === null || Array.isArray(body) || errors.length > 0) {
      const fields: Record<string, string> = {};
      const messages: string[] = [];
      flatten(errors, fields, messages);
      for (const e of errors) {
        if (e.constraints?.whitelistValidation) fields[e.property] = 'Campo non modificabile';
      }
      throw new MeException(MeExceptionCode.VALIDATION_FAILED, 'Dati non validi', { errors: messages, fields });
    }
    const data: EditableData = {};
    for (const field of EDITABLE_FIELDS) if (dto[field] !== undefined) data[field] = dto[field];
    if (typeof data.cittadinanza === 'string') data.cittadinanza = normaliseCountry(data.cittadinanza)!;
    if (typeof data.pec === 'string') data.pec = data.pec.toLowerCase();
    return anagraficaView(await this.citizens.updateEditable(codiceFiscale, data));
  }

  async profiles(session: Session) {
    const organizations = await this.delegation.organizationsOf(session.codiceFiscale);
    return { current: session.actingFor, organizations };
  }

  /** "Selezione tipologia di utente": the personal account (null) or an organisation delegation allows now. */
  async actAs(session: Session, organizationId: string | null) {
    if (organizationId === null) {
      await this.sessions.setActingFor(session.id, null);
      return { current: null };
    }
    const allowed = (await this.delegation.organizationsOf(session.codiceFiscale)).find(
      (o) => o.organizationId === organizationId,
    );
    if (!allowed) {
      throw new SessionsException(
        SessionsExceptionCode.ORGANIZATION_NOT_ALLOWED,
        'Non sei abilitato ad operare per questa organizzazione',
      );
    }
    await this.sessions.setActingFor(session.id, allowed);
    return { current: allowed.organizationId };
  }
}

function anagraficaView(c: Citizen) {
  const documento = {
    tipo: c.documentoTipo,
    numero: c.documentoNumero,
    rilasciatoDa: c.documentoRilasciatoDa,
    dataRilascio: c.documentoDataRilascio,
    dataScadenza: c.documentoDataScadenza,
  };
  return {
    anagrafica: {
      cognome: c.cognome,
      nome: c.nome,
      codiceFiscale: c.codiceFiscale,
      sesso: c.sesso,
      dataNascita: c.dataNascita,
      luogoNascita: c.luogoNascita,
      provinciaNascita: c.provinciaNascita,
    },
    documento,
    domicilio: {
      indirizzo: c.domicilioIndirizzo,
      comune: c.domicilioComune,
      provincia: c.domicilioProvincia,
      cap: c.domicilioCap,
    },
    recapiti: { email: c.email, cellulare: c.cellulare, pec: c.pec, telefono: c.telefono, fax: c.fax },
    altriDati: { cittadinanza: c.cittadinanza, titoloStudio: c.titoloStudio },
    editable: [...EDITABLE_FIELDS],
    titoliStudio: TITOLI_STUDIO.map((t) => ({ codice: t.codice, descrizione: t.descrizione })),
  };
}
