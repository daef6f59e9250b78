import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RAA_STATES, SITUAZIONI, TIPOLOGIE_RICHIESTA } from '../domain/raa-request.machine.js';

export class RequesterResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() nome!: string;
  @ApiProperty() cognome!: string;
}

export class WorkerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ type: String, nullable: true }) descrizione!: string | null;
  @ApiProperty({ description: 'Stato della riga (quello della richiesta)' }) stato!: string;
  @ApiProperty({ description: 'Presente nella banca dati quando è stato inserito' }) known!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'nessuna informazione presente per il lavoratore',
  })
  avviso!: string | null;
  @ApiProperty({ enum: SITUAZIONI, nullable: true, description: 'Solo a richiesta evasa' })
  situazione!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Lavora' }) situazioneLabel!: string | null;
  @ApiProperty({ type: String, nullable: true }) datoreCf!: string | null;
  @ApiProperty({ type: String, nullable: true }) datoreRagioneSociale!: string | null;
  @ApiProperty({ type: String, nullable: true }) dataInizio!: string | null;
  @ApiProperty({ type: String, nullable: true }) tipologiaContrattuale!: string | null;
}

export class AttachmentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) documentId!: string;
  @ApiProperty({ description: 'Nome del file' }) nome!: string;
  @ApiProperty({ type: String, nullable: true }) descrizione!: string | null;
  @ApiProperty() stato!: string;
  @ApiProperty() size!: number;
  @ApiProperty() contentType!: string;
}

export class AnswerResponse {
  @ApiProperty() dataRicerca!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Risposta provincia' })
  rispostaProvincia!: string | null;
  @ApiProperty() at!: string;
}

export class RefusalResponse {
  @ApiProperty() motivo!: string;
  @ApiProperty() at!: string;
}

export class RaaRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: RAA_STATES, description: 'Stato della richiesta' }) state!: string;
  @ApiProperty({ example: 'Bozza' }) stateLabel!: string;
  @ApiProperty({ example: 'Richiesta di accesso agli atti da parte di ANTONIO TURSI' }) intestazione!: string;
  @ApiProperty({ type: RequesterResponse }) requester!: RequesterResponse;
  @ApiProperty() provincia!: string;
  @ApiProperty({ type: String, nullable: true }) ragioneSocialeRichiedente!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: TIPOLOGIE_RICHIESTA }) tipologiaRichiesta!: string | null;
  @ApiProperty({ type: String, nullable: true }) ragioneSocialeMandante!: string | null;
  @ApiProperty({ type: String, nullable: true }) codiceFiscaleMandante!: string | null;
  @ApiProperty() motivazione!: string;
  @ApiProperty({ description: 'Data richiesta (YYYY-MM-DD)' }) dataRichiesta!: string;
  @ApiProperty({ type: String, nullable: true, example: '0007/2026', description: 'Num protocollo' })
  protocollo!: string | null;
  @ApiProperty({ type: String, nullable: true }) dataProtocollo!: string | null;
  @ApiProperty({ description: 'Modificabile (solo in bozza)' }) editable!: boolean;
  @ApiProperty({ type: [WorkerResponse] }) workers!: WorkerResponse[];
  @ApiProperty({ type: [AttachmentResponse] }) attachments!: AttachmentResponse[];
  @ApiPropertyOptional({ type: AnswerResponse, nullable: true }) answer!: AnswerResponse | null;
  @ApiPropertyOptional({ type: RefusalResponse, nullable: true }) refusal!: RefusalResponse | null;
}

export class RaaRequestSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Num protocollo' }) protocollo!: string | null;
  @ApiProperty() dataRichiesta!: string;
  @ApiProperty({ type: String, nullable: true }) dataProtocollo!: string | null;
  @ApiProperty({ enum: RAA_STATES }) state!: string;
  @ApiProperty() stateLabel!: string;
  @ApiProperty() provincia!: string;
  @ApiProperty({ type: RequesterResponse }) requester!: RequesterResponse;
  @ApiProperty() workerCount!: number;
}

export class RaaRequestListResponse {
  @ApiProperty({ type: [RaaRequestSummary] }) items!: RaaRequestSummary[];
}

export class RaaProfileResponse {
  @ApiProperty({ description: 'Profilo RAA abilitato' }) enabled!: boolean;
  @ApiProperty({ type: String, nullable: true }) nome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cognome!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Provincia proposta per una nuova richiesta' })
  provincia!: string | null;
  @ApiProperty({ type: [String], enum: TIPOLOGIE_RICHIESTA }) tipologie!: string[];
  @ApiProperty({ description: 'Dimensione massima di un allegato (byte)' }) maxAttachmentBytes!: number;
}

export class AnswerDraftWorker {
  @ApiProperty({ format: 'uuid' }) workerId!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() known!: boolean;
  @ApiProperty({ enum: SITUAZIONI }) situazione!: string;
  @ApiProperty({ type: String, nullable: true }) datoreCf!: string | null;
  @ApiProperty({ type: String, nullable: true }) datoreRagioneSociale!: string | null;
  @ApiProperty({ type: String, nullable: true }) dataInizio!: string | null;
  @ApiProperty({ type: String, nullable: true }) tipologiaContrattuale!: string | null;
}

/** The answer form, prefilled from the employment records at the search date (every read logged). */
export class AnswerDraftResponse {
  @ApiProperty() dataRicerca!: string;
  @ApiProperty({ type: [AnswerDraftWorker] }) lavoratori!: AnswerDraftWorker[];
}

export class DownloadLinkResponse {
  @ApiProperty() url!: string;
  @ApiProperty() expiresAt!: string;
}

export class EmploymentLookupResponse {
  @ApiProperty() workerCf!: string;
  @ApiProperty({ enum: ['citizen', 'operator', 'service', 'system'] }) actorKind!: string;
  @ApiProperty({ description: 'Codice fiscale di chi ha consultato' }) actorId!: string;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
  @ApiProperty({ type: String, nullable: true }) protocollo!: string | null;
  @ApiProperty({ description: 'Perché' }) reason!: string;
  @ApiProperty() searchDate!: string;
  @ApiProperty() lookedAt!: string;
}

export class EmploymentLookupListResponse {
  @ApiProperty({ type: [EmploymentLookupResponse] }) items!: EmploymentLookupResponse[];
}
