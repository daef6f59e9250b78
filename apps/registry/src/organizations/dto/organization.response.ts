import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../domain/organization-kind.js';

export class PlaceResponse {
  @ApiProperty({ example: 'L378' })
  codiceBelfiore!: string;

  @ApiProperty({ example: 'Trento' })
  nome!: string;

  @ApiPropertyOptional({ example: 'TN', description: 'Per i comuni' })
  provincia?: string;
}

export class OrganizationHitResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'AZIENDA PROVA 1 SRL' })
  ragioneSociale!: string;

  @ApiProperty({ example: '00097020598', description: 'Codice fiscale, o codice identificativo (estere)' })
  codiceFiscale!: string;

  @ApiProperty({ type: String, nullable: true, example: 'Trento', description: 'Comune (o città estera) della sede' })
  comune!: string | null;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind!: OrganizationKind;
}

export class OrganizationSearchResponse {
  @ApiProperty({ type: [OrganizationHitResponse] })
  items!: OrganizationHitResponse[];
}

export class AccreditationResponse {
  @ApiProperty({ example: 'datore-di-lavoro-privato' })
  tipo!: string;

  @ApiProperty({ example: 'Datore di lavoro privato' })
  label!: string;

  @ApiProperty({ description: 'Le tipologie da utenze preesistenti non sono modificabili' })
  readOnly!: boolean;
}

export class LegalRepresentativeResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() cognome!: string;
  @ApiProperty({ example: '1970-05-01' }) dataNascita!: string;
  @ApiProperty({ type: PlaceResponse, nullable: true }) luogoNascita!: PlaceResponse | null;
  @ApiProperty({ example: 'L378', description: 'Codice Belfiore del luogo di nascita' }) luogoNascitaCodice!: string;
}

export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKind;
  @ApiProperty({ example: 'Azienda italiana' }) tipoProfilo!: string;
  @ApiProperty({ type: String, nullable: true }) codiceFiscale!: string | null;
  @ApiProperty({ type: String, nullable: true }) partitaIva!: string | null;
  @ApiProperty({ type: String, nullable: true }) codiceIdentificativo!: string | null;
  @ApiProperty({ type: PlaceResponse, nullable: true }) statoEstero!: PlaceResponse | null;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: String, nullable: true }) formaGiuridica!: string | null;
  @ApiProperty({ type: String, nullable: true }) tipoEnte!: string | null;
  @ApiProperty({ type: String, nullable: true }) settoreEconomico!: string | null;
  @ApiProperty({ type: String, nullable: true }) tipoAzienda!: string | null;
  @ApiProperty({ type: PlaceResponse, nullable: true }) comune!: PlaceResponse | null;
  @ApiProperty({ type: String, nullable: true }) citta!: string | null;
  @ApiProperty({ type: String, nullable: true }) cap!: string | null;
  @ApiProperty() indirizzo!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) pec!: string | null;
  @ApiProperty({ type: String, nullable: true }) telefono!: string | null;
  @ApiProperty({ type: String, nullable: true }) fax!: string | null;
  @ApiProperty({ type: String, nullable: true }) provinciaRiferimento!: string | null;
  @ApiProperty({ type: String, nullable: true }) codiceIpa!: string | null;
  @ApiProperty({ type: [AccreditationResponse] }) tipiSoggettoAbilitato!: AccreditationResponse[];
  @ApiProperty({ type: LegalRepresentativeResponse, nullable: true })
  rappresentanteLegale!: LegalRepresentativeResponse | null;
  @ApiProperty({ description: 'Unità operative e utenti si sbloccano dopo il salvataggio del rappresentante legale' })
  sezioniSbloccate!: boolean;
  @ApiProperty({ description: 'Il chiamante può modificare i dati (amministratore o ruolo ANAGRAFICA)' })
  modificabile!: boolean;
}

export class RegisteredOrganizationResponse {
  @ApiProperty({ format: 'uuid', description: 'Da usare per l’associazione (Associa profilo)' })
  id!: string;

  @ApiProperty() ragioneSociale!: string;

  @ApiProperty({ type: String, nullable: true }) codiceFiscale!: string | null;
}

export class MyProfileResponse {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ example: 'AZIENDA PROVA 1 SRL (00097020598)' }) profilo!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ description: 'Codice fiscale o codice identificativo' }) codiceFiscale!: string;
  @ApiProperty({ example: 'Azienda italiana' }) tipoProfilo!: string;
  @ApiProperty({ type: [String], example: ['Datore di lavoro privato'] }) tipiSoggettoAbilitato!: string[];
  @ApiProperty({ enum: ['amministratore', 'collaboratore'] }) ruolo!: 'amministratore' | 'collaboratore';
  @ApiProperty({ type: [String] }) roles!: string[];
}

export class MyProfilesResponse {
  @ApiProperty({ type: [MyProfileResponse] }) items!: MyProfileResponse[];
}

export class HistoryEntryResponse {
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ example: 'organization.updated' }) action!: string;
  @ApiProperty({ example: 'citizen' }) actorKind!: string;
  @ApiProperty({ description: 'Codice fiscale di chi ha agito, o il servizio' }) actorId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Per conto di quale organizzazione' })
  actingFor!: string | null;
  @ApiProperty({ type: Object, description: 'Cosa è cambiato' }) data!: Record<string, unknown>;
}

export class HistoryResponse {
  @ApiProperty({ type: [HistoryEntryResponse] }) items!: HistoryEntryResponse[];
}
