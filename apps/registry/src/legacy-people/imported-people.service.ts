import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '@profila/platform';
import { OrganizationAccess } from '../common/organization-access.js';
import { ReferenceDataService } from '../reference-data/reference-data.service.js';
import type {
  BirthPlaceResponse,
  ImportedPeoplePageResponse,
  ImportedPersonResponse,
  ListImportedPeopleQuery,
} from './dto/imported-person.dto.js';
import { ImportedPersonRepository, type ImportedPersonRow } from './imported-person.repository.js';

/**
 * "Utenti importati dal sistema precedente" (ADR 0014 decision 8): who the legacy system said were the people of an
 * organisation, for whoever may manage its organigram. Read only: the promotion is the organigram's own "Aggiungi un
 * utente", with the roles the amministratore chooses.
 */
@Injectable()
export class ImportedPeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly people: ImportedPersonRepository,
    private readonly access: OrganizationAccess,
    private readonly reference: ReferenceDataService,
  ) {}

  async list(actor: Actor, organizationId: string, q: ListImportedPeopleQuery): Promise<ImportedPeoplePageResponse> {
    const manager = this.dataSource.manager;
    // The same gate as "Aggiungi un utente" on the whole organisation: the amministratore, or an ANAGRAFICA
    // collaborator of the whole organisation (others 403); strangers and other organisations' callers get 404.
    await this.access.edit(manager, actor, organizationId);
    const pagina = q.pagina ?? 1;
    const elementi = q.elementi ?? 10;
    const page = await this.people.pageOf(manager, organizationId, q.cerca, elementi, (pagina - 1) * elementi);
    return { items: page.rows.map((r) => this.toResponse(r)), totale: page.total, pagina, elementi };
  }

  private toResponse(r: ImportedPersonRow): ImportedPersonResponse {
    return {
      id: r.linkId,
      codiceFiscale: r.codiceFiscale,
      cognome: r.cognome,
      nome: r.nome,
      email: r.email,
      dataNascita: r.dataNascita,
      luogoNascitaCodice: r.luogoNascita,
      luogoNascita: r.luogoNascita ? this.place(r.luogoNascita) : null,
      ruolo: r.ruolo,
      unitaId: r.unitId,
      unitaDescrizione: r.unitDescrizione,
      importatoIl: r.importedAt.toISOString(),
    };
  }

  private place(code: string): BirthPlaceResponse | null {
    const places = this.reference.places;
    const comune = places.comune(code);
    if (comune) return { codiceBelfiore: comune.codiceBelfiore, nome: comune.nome, provincia: comune.provincia };
    const stato = places.stato(code);
    return stato ? { codiceBelfiore: stato.codiceBelfiore, nome: stato.nome } : null;
  }
}
