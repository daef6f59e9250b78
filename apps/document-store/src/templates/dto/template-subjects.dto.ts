import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsISO8601, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { IsCodiceFiscalePersona, IsOrganizationCode } from '@profila/italian';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A person printed on a generated PDF. */
export class PersonDto {
  @ApiProperty({ example: 'Lorenzo' })
  @IsString()
  @Length(1, 100)
  nome!: string;

  @ApiProperty({ example: 'Venturi' })
  @IsString()
  @Length(1, 100)
  cognome!: string;

  @ApiProperty({ example: '1988-02-26' })
  @Matches(ISO_DATE, { message: 'dataNascita deve essere una data AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'dataNascita non è una data valida' })
  dataNascita!: string;

  @ApiProperty({ example: "San Michele all'Adige (TN)", description: 'Comune (con provincia) o stato estero' })
  @IsString()
  @Length(1, 120)
  luogoNascita!: string;
}

/** The citizen asking for a declaration: the codice fiscale comes from the login, except for service callers. */
export class DeclarantDto extends PersonDto {
  @ApiPropertyOptional({ description: 'Solo per i servizi: per i cittadini vale quello dell’accesso' })
  @IsOptional()
  @IsCodiceFiscalePersona()
  codiceFiscale?: string;
}

export class PersonWithCfDto extends PersonDto {
  @ApiProperty({ example: 'VNTLNZ88B26I921M' })
  @IsCodiceFiscalePersona()
  codiceFiscale!: string;
}

export class AmministratoreDto extends PersonWithCfDto {
  @ApiProperty({ example: 'lorenzo.venturi@example.it' })
  @IsEmail({}, { message: 'email non valida' })
  email!: string;
}

export class LegaleRappresentanteDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  nome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  cognome?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCodiceFiscalePersona()
  codiceFiscale?: string;

  @ApiPropertyOptional({ example: '1970-05-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'dataNascita deve essere una data AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'dataNascita non è una data valida' })
  dataNascita?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 120)
  luogoNascita?: string;
}

export class SedeLegaleDto {
  @ApiPropertyOptional({ example: 'Via del Lavoro 12' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  indirizzo?: string;

  @ApiPropertyOptional({ example: '38122' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'cap deve avere 5 cifre' })
  cap?: string;

  @ApiProperty({ example: 'Trento' })
  @IsString()
  @Length(1, 120)
  comune!: string;

  @ApiPropertyOptional({ example: 'TN' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'provincia deve essere la sigla di due lettere' })
  provincia?: string;

  @ApiPropertyOptional({ description: 'Solo per le aziende estere' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  statoEstero?: string;
}

export class OrganizationDto {
  @ApiProperty({ example: 'AZIENDA PROVA 1 SRL' })
  @IsString()
  @Length(1, 200)
  ragioneSociale!: string;

  @ApiProperty({ example: '00097020598', description: "Codice fiscale, o codice identificativo per un'azienda estera" })
  @IsOrganizationCode()
  codiceFiscale!: string;

  @ApiPropertyOptional({ example: '00097020598' })
  @IsOptional()
  @Matches(/^\d{11}$/, { message: 'partitaIva deve avere 11 cifre' })
  partitaIva?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  estera?: boolean;

  @ApiProperty({ type: SedeLegaleDto })
  @ValidateNested()
  @Type(() => SedeLegaleDto)
  sedeLegale!: SedeLegaleDto;

  @ApiPropertyOptional({ example: 'Sindacato' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  tipoSoggettoAbilitato?: string;
}
