import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { IsCodiceFiscalePersona } from '@profila/italian';
import { PageQueryDto } from '@profila/platform';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value;

/** New dates of a delega (Modifica). */
export class DelegationTermsDto {
  @ApiProperty({ example: '2026-03-10', description: 'Data inizio (YYYY-MM-DD): today or later' })
  @Matches(ISO_DATE, { message: 'Indicare la data di inizio (gg/mm/aaaa)' })
  dataInizio!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Data scadenza (YYYY-MM-DD): on or after the start' })
  @Matches(ISO_DATE, { message: 'Indicare la data di scadenza (gg/mm/aaaa)' })
  dataScadenza!: string;
}

/** "Aggiungi delega". */
export class CreateDelegationDto extends DelegationTermsDto {
  @ApiProperty({ example: 'BNCGNN75C41F205Y', description: 'Destinatario: a citizen who has logged in at least once' })
  @Transform(upper)
  @IsCodiceFiscalePersona()
  codiceFiscaleDelegato!: string;

  @ApiProperty({ format: 'uuid', description: 'Profilo: an organisation the caller holds' })
  @IsUUID('all', { message: 'Selezionare il profilo' })
  organizationId!: string;

  @ApiPropertyOptional({ description: 'Tipo soggetto abilitato, among those of the organisation' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  tipoSoggettoAbilitato?: string;
}

export class RefuseDelegationDto {
  @ApiProperty({ description: 'Motivo del rifiuto (obbligatorio)' })
  @Transform(trim)
  @IsString({ message: 'Indicare il motivo del rifiuto' })
  @IsNotEmpty({ message: 'Indicare il motivo del rifiuto' })
  @MaxLength(1000, { message: 'Il motivo può avere al massimo 1000 caratteri' })
  motivo!: string;
}

/** "Visualizza N elementi · Cerca:" of every list. */
export class ListDelegationsQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Cerca: names, codici fiscali, organisation, Id richiesta' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100, { message: 'Al massimo 100 caratteri' })
  cerca?: string;
}
