import { ApiProperty } from '@nestjs/swagger';
import { DelegationRequestKind, DelegationStatus } from '../domain/delegation.machine.js';

/** "Stato" in Tracciamento deleghe inviate. */
export enum TrackingStatus {
  ATTESA_APPROVAZIONE = 'ATTESA_APPROVAZIONE',
  COMPLETATA = 'COMPLETATA',
  RIFIUTATA = 'RIFIUTATA',
  REVOCATA = 'REVOCATA',
  SCADUTA = 'SCADUTA',
}

export class PersonResponse {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  codiceFiscale!: string;

  @ApiProperty({ example: 'Mario' })
  nome!: string;

  @ApiProperty({ example: 'Rossi' })
  cognome!: string;
}

export class DelegatedOrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ type: String, nullable: true, example: '01234567890' })
  codiceFiscale!: string | null;

  @ApiProperty({ example: 'Rossi S.r.l.' })
  denominazione!: string;
}

export class PendingChangeResponse {
  @ApiProperty({ description: 'Id richiesta of the Modifica' })
  idRichiesta!: number;

  @ApiProperty({ example: '2026-03-10' })
  dataInizio!: string;

  @ApiProperty({ example: '2026-12-31' })
  dataScadenza!: string;
}

export class DelegationResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: PersonResponse })
  delegante!: PersonResponse;

  @ApiProperty({ type: PersonResponse })
  delegato!: PersonResponse;

  @ApiProperty({ type: DelegatedOrganizationResponse, description: 'Azienda delegata' })
  azienda!: DelegatedOrganizationResponse;

  @ApiProperty({ type: String, nullable: true })
  tipoSoggettoAbilitato!: string | null;

  @ApiProperty({ enum: DelegationStatus, enumName: 'DelegationStatus' })
  stato!: DelegationStatus;

  @ApiProperty({ example: '2026-03-10' })
  dataInizio!: string;

  @ApiProperty({ example: '2026-12-31' })
  dataScadenza!: string;

  @ApiProperty({ type: PendingChangeResponse, nullable: true, description: 'A Modifica awaiting the delegate' })
  modificaInAttesa!: PendingChangeResponse | null;
}

export class DelegationRequestResponse {
  @ApiProperty({ description: 'Id richiesta', example: 100001 })
  idRichiesta!: number;

  @ApiProperty({ format: 'uuid' })
  delegationId!: string;

  @ApiProperty({ type: PersonResponse })
  delegante!: PersonResponse;

  @ApiProperty({ type: PersonResponse })
  delegato!: PersonResponse;

  @ApiProperty({ type: DelegatedOrganizationResponse })
  azienda!: DelegatedOrganizationResponse;

  @ApiProperty({ type: String, nullable: true })
  tipoSoggettoAbilitato!: string | null;

  @ApiProperty({ enum: DelegationRequestKind, enumName: 'DelegationRequestKind', description: 'Tipo delega' })
  tipoDelega!: DelegationRequestKind;

  @ApiProperty({ type: String, nullable: true, description: 'The dates the request is about (none for a Revoca)' })
  dataInizio!: string | null;

  @ApiProperty({ type: String, nullable: true })
  dataScadenza!: string | null;

  @ApiProperty({ enum: TrackingStatus, enumName: 'TrackingStatus' })
  stato!: TrackingStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Motivo del rifiuto' })
  motivo!: string | null;
}

class PageResponse {
  @ApiProperty()
  totale!: number;

  @ApiProperty()
  pagina!: number;

  @ApiProperty()
  elementi!: number;
}

export class DelegationPageResponse extends PageResponse {
  @ApiProperty({ type: [DelegationResponse] })
  items!: DelegationResponse[];
}

export class DelegationRequestPageResponse extends PageResponse {
  @ApiProperty({ type: [DelegationRequestResponse] })
  items!: DelegationRequestResponse[];
}

export class DelegableProfileResponse {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ example: 'Rossi S.r.l.' })
  denominazione!: string;

  @ApiProperty({ example: '01234567890' })
  codiceFiscale!: string;

  @ApiProperty({ type: [String], description: 'Tipi soggetto abilitato of the organisation' })
  tipiSoggettoAbilitato!: string[];
}

export class DelegableProfilesResponse {
  @ApiProperty({ type: [DelegableProfileResponse], description: 'Empty: at least one associated profile is needed' })
  profili!: DelegableProfileResponse[];
}

export class CreatedDelegationResponse {
  @ApiProperty({ example: "L'assegnazione della delega è avvenuta correttamente" })
  messaggio!: string;

  @ApiProperty({ type: DelegationResponse })
  delega!: DelegationResponse;
}
