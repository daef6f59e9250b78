import { Injectable } from '@nestjs/common';
import { normalizePec } from '@profila/italian';
import type { Citizen } from '../citizens/citizen.entity.js';
import { CitizensService, EDITABLE_FIELDS, type EditableData } from '../citizens/citizens.service.js';
import type { Session } from '../sessions/session.entity.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { normaliseCountry, TITOLI_STUDIO } from './anagrafica-lists.js';
import { DelegationClient } from './delegation.client.js';
import type { AnagraficaResponse } from './dto/anagrafica.response.js';
import type { ActingAsResponse, MeResponse, ProfilesResponse } from './dto/me.response.js';
import type { UpdateAnagraficaDto } from './dto/update-anagrafica.dto.js';
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

/** The logged-in citizen's own data: who they are, their anagrafica, whom they act for. */
@Injectable()
export class MeService {
  constructor(
    private readonly citizens: CitizensService,
    private readonly sessions: SessionsService,
    private readonly delegation: DelegationClient,
  ) {}

  async me(session: Session): Promise<MeResponse> {
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

  async anagrafica(codiceFiscale: string): Promise<AnagraficaResponse> {
    return anagraficaView(await this.citizens.get(codiceFiscale));
  }

  /** The body was validated by the global pipe (Italian message per field); cittadinanza and PEC normalised here. */
  async updateAnagrafica(codiceFiscale: string, dto: UpdateAnagraficaDto): Promise<AnagraficaResponse> {
    const data: EditableData = {};
    for (const field of EDITABLE_FIELDS) if (dto[field] !== undefined) data[field] = dto[field];
    if (typeof data.cittadinanza === 'string') data.cittadinanza = normaliseCountry(data.cittadinanza)!;
    if (typeof data.pec === 'string') data.pec = normalizePec(data.pec);
    return anagraficaView(await this.citizens.updateEditable(codiceFiscale, data));
  }

  async profiles(session: Session): Promise<ProfilesResponse> {
    const organizations = await this.delegation.organizationsOf(session.codiceFiscale);
    return { current: session.actingFor, organizations };
  }

  /** "Selezione tipologia di utente": the personal account (null) or an organisation delegation allows now. */
  async actAs(session: Session, organizationId: string | null): Promise<ActingAsResponse> {
    if (organizationId === null) {
      await this.sessions.setActingFor(session.id, null);
      return { current: null };
    }
    const allowed = (await this.delegation.organizationsOf(session.codiceFiscale)).find(
      (o) => o.organizationId === organizationId,
    );
    if (!allowed) {
      throw new MeException(
        MeExceptionCode.ORGANIZATION_NOT_ALLOWED,
        'Non sei abilitato ad operare per questa organizzazione',
      );
    }
    await this.sessions.setActingFor(session.id, allowed);
    return { current: allowed.organizationId };
  }
}

function anagraficaView(c: Citizen): AnagraficaResponse {
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
