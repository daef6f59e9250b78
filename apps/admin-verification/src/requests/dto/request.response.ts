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

export class SignerResponse {
  @ApiProperty({ type: String, nullable: true, example: 'MARIO ROSSI' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'RSSMRA80A01H501U' }) codiceFiscale!: string | null;
  @ApiProperty({ enum: ['PAdES', 'CAdES'] }) format!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Dichiarata dal firmatario (non una marca temporale)' })
  signingTime!: string | null;
}

export class SignatureProblemResponse {
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: 'error' | 'warning';
  @ApiProperty({ example: 'Il certificato del firmatario è scaduto.' }) message!: string;
}

/** The verdict shown beside a document: signed or not, intact, by whom, with a valid and recognised certificate. */
export class DocumentSignatureResponse {
  @ApiProperty({ description: 'Il file contiene almeno una firma digitale (PAdES o CAdES)' }) signed!: boolean;
  @ApiProperty({ description: 'Ogni firma è integra (contenuto non alterato dopo la firma)' }) intact!: boolean;
  @ApiProperty({ description: 'Ogni certificato è di un emittente riconosciuto' }) trusted!: boolean;
  @ApiProperty({ description: 'Ogni certificato è valido oggi' }) certificatesValid!: boolean;
  @ApiProperty({ type: [SignerResponse] }) signers!: SignerResponse[];
  @ApiProperty({ type: [SignatureProblemResponse] }) problems!: SignatureProblemResponse[];
}

export class PecConfirmationResponse {
  @ApiProperty({ example: 'PEC confermata: la richiesta è in attesa di abilitazione.' }) message!: string;
  @ApiProperty() requestId!: string;
}
