import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERIFICATION_KINDS, VERIFICATION_STATES } from '../domain/verification-request.machine.js';

export class PersonResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() cognome!: string;
  @ApiProperty({ type: String, nullable: true }) dataNascita!: string | null;
  @ApiProperty({ type: String, nullable: true }) luogoNascita!: string | null;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) pec!: string | null;
}

export class OrganizationRefResponse {
  @ApiProperty({ type: String, nullable: true, description: "null: la PA non è ancora nell'anagrafica" })
  organizationId!: string | null;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() ragioneSociale!: string;
}

export class TerritoryResponse {
  @ApiProperty({ type: String, nullable: true }) comune!: string | null;
  @ApiProperty({ type: String, nullable: true }) provincia!: string | null;
}

export class StepResponse {
  @ApiProperty() action!: string;
  @ApiProperty() label!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Codice fiscale di chi ha agito; null: il sistema' })
  by!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty() at!: string;
}

export class DocumentSlotResponse {
  @ApiProperty({ example: 'delega-document' }) kind!: string;
  @ApiProperty({ example: 'Delega' }) label!: string;
  @ApiProperty({
    description: 'entityId da usare caricando il file in document-store (entityType admin-verification-request)',
  })
  entityId!: string;
  @ApiProperty() required!: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Il documento caricato, se presente' })
  documentId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) fileName?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) contentType?: string | null;
  @ApiPropertyOptional({ type: Number, nullable: true }) size?: number | null;
}

export class IpaMatchResponse {
  @ApiProperty() denominazione!: string;
  @ApiProperty() codiceIpa!: string;
  @ApiProperty() comune!: string;
  @ApiProperty() provincia!: string;
  @ApiProperty() indirizzo!: string;
}

export class VerificationRequestResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: VERIFICATION_KINDS }) kind!: string;
  @ApiProperty() kindLabel!: string;
  @ApiProperty({ enum: VERIFICATION_STATES }) state!: string;
  @ApiProperty({ example: 'In attesa di abilitazione' }) stateLabel!: string;
  @ApiProperty({ description: "Modificabile dal richiedente (nessun operatore l'ha presa in carico)" })
  editable!: boolean;
  @ApiProperty({ description: 'In attesa da più giorni di quanto previsto' }) late!: boolean;
  @ApiProperty() applicantCodiceFiscale!: string;
  @ApiProperty({ type: PersonResponse }) person!: PersonResponse;
  @ApiProperty({ type: OrganizationRefResponse, nullable: true }) organization!: OrganizationRefResponse | null;
  @ApiProperty({ type: String, nullable: true }) professione!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'RAA: Indirizzo di Residenza' })
  indirizzoResidenza!: string | null;
  @ApiProperty({ type: TerritoryResponse }) territory!: TerritoryResponse;
  @ApiProperty({ type: String, nullable: true }) takenBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Ultimo giorno per integrare o confermare la PEC' })
  dueDate!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Motivazione o cosa integrare' })
  decisionNote!: string | null;
  @ApiProperty({ type: String, nullable: true }) waitingSince!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: [StepResponse] }) history?: StepResponse[];
  @ApiPropertyOptional({ type: [DocumentSlotResponse] }) documents?: DocumentSlotResponse[];
  @ApiPropertyOptional({ type: IpaMatchResponse, nullable: true, description: 'PA non in anagrafica: i dati IPA' })
  ipa?: IpaMatchResponse | null;
}

export class VerificationRequestListResponse {
  @ApiProperty({ type: [VerificationRequestResponse] }) items!: VerificationRequestResponse[];
}

export class DownloadLinkResponse {
  @ApiProperty() url!: string;
  @ApiProperty() expiresAt!: string;
}

export class PecConfirmationResponse {
  @ApiProperty({ example: 'PEC confermata: la richiesta è in attesa di abilitazione.' }) message!: string;
  @ApiProperty() requestId!: string;
}
