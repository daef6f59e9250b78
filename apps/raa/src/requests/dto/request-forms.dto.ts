import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCodiceFiscale, IsCodiceFiscalePersona } from '@profila/italian';
import { ISO_DATE, REQUIRED, SIGLA, Trim, UpperCode } from './fields.js';
import { SITUAZIONI, type Situazione, TIPOLOGIE_RICHIESTA } from '../domain/raa-request.machine.js';

/** "Richiesta accesso agli atti": the fields of the form (Salva in bozza). */
export class RaaRequestFormDto {
  @ApiProperty({ example: 'CO', description: 'Sigla della Provincia a cui è rivolta la richiesta' })
  @UpperCode()
  @Matches(SIGLA, { message: 'Indicare la sigla della provincia (due lettere)' })
  @IsNotEmpty({ message: REQUIRED })
  provincia!: string;

  @ApiPropertyOptional({ description: 'Ragione sociale richiedente' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  ragioneSocialeRichiedente?: string;

  @ApiPropertyOptional({ enum: TIPOLOGIE_RICHIESTA, description: 'Tipologia richiesta' })
  @Trim()
  @IsOptional()
  @IsIn(TIPOLOGIE_RICHIESTA, { message: 'Scegliere una tipologia dall’elenco' })
  tipologiaRichiesta?: string;

  @ApiPropertyOptional({ description: 'Ragione sociale mandante' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  ragioneSocialeMandante?: string;

  @ApiPropertyOptional({ description: 'Codice fiscale mandante (persona o azienda)' })
  @UpperCode()
  @IsOptional()
  @IsCodiceFiscale({ message: 'Codice fiscale mandante non valido' })
  codiceFiscaleMandante?: string;

  @ApiProperty({ description: 'Motivazione*' })
  @Trim()
  @IsString()
  @MaxLength(4000, { message: 'Al massimo 4000 caratteri' })
  @IsNotEmpty({ message: 'Indicare la motivazione della richiesta' })
  motivazione!: string;
}

export class AddWorkerDto {
  @ApiProperty({ example: 'RSSMRA80A01H501U', description: 'Codice fiscale del lavoratore' })
  @UpperCode()
  @IsCodiceFiscalePersona({ message: 'Codice fiscale del lavoratore non valido' })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  descrizione?: string;
}

export class AddAttachmentDto {
  @ApiProperty({
    format: 'uuid',
    description: 'Il documento caricato in document-store (kind raa-attachment, entityType raa-request, entityId id)',
  })
  @IsUUID('all', { message: 'Identificativo del documento non valido' })
  @IsNotEmpty({ message: REQUIRED })
  documentId!: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  descrizione?: string;
}

export class WorkerAnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Lavoratore non valido' })
  workerId!: string;

  @ApiProperty({ enum: SITUAZIONI, description: 'LAVORA, o NESSUN_RAPPORTO alla data di ricerca' })
  @IsIn(SITUAZIONI, { message: 'Indicare la situazione lavorativa' })
  situazione!: Situazione;

  @ApiPropertyOptional({ description: 'LAVORA: codice fiscale del datore di lavoro' })
  @UpperCode()
  @IsOptional()
  @IsCodiceFiscale({ message: 'Codice fiscale del datore di lavoro non valido' })
  datoreCf?: string;

  @ApiPropertyOptional({ description: 'LAVORA: datore di lavoro' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  datoreRagioneSociale?: string;

  @ApiPropertyOptional({ description: 'LAVORA: data di inizio del rapporto (YYYY-MM-DD)' })
  @Trim()
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data non valida' })
  dataInizio?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Al massimo 200 caratteri' })
  tipologiaContrattuale?: string;
}

/** EVASA: per worker the situation at the search date, and the "Risposta provincia" note. */
export class AnswerDto {
  @ApiProperty({ description: 'Data di ricerca (YYYY-MM-DD)' })
  @Trim()
  @Matches(ISO_DATE, { message: 'Data non valida' })
  @IsNotEmpty({ message: REQUIRED })
  dataRicerca!: string;

  @ApiProperty({ type: [WorkerAnswerDto] })
  @IsArray({ message: 'Indicare la situazione di ogni lavoratore' })
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => WorkerAnswerDto)
  lavoratori!: WorkerAnswerDto[];

  @ApiPropertyOptional({ description: 'Risposta provincia' })
  @Trim()
  @IsOptional()
  @IsString()
  @MaxLength(4000, { message: 'Al massimo 4000 caratteri' })
  rispostaProvincia?: string;
}

/** RESPINTA: the reason is required. */
export class RefuseDto {
  @ApiProperty({ description: 'Motivo del rifiuto' })
  @Trim()
  @IsString()
  @MaxLength(4000, { message: 'Al massimo 4000 caratteri' })
  @IsNotEmpty({ message: 'Indicare il motivo del rifiuto' })
  motivo!: string;
}

export class AnswerDraftQuery {
  @ApiPropertyOptional({ description: 'Data di ricerca (YYYY-MM-DD); oggi se assente' })
  @Trim()
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data non valida' })
  dataRicerca?: string;
}
