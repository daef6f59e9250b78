import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { IsCodiceFiscale, IsPartitaIva, IsPec } from '@profila/italian';
import {
  SETTORI_ECONOMICI,
  TIPI_ENTE,
  TIPI_SOGGETTO_ABILITATO,
  type TipoEnte,
  type TipoSoggettoAbilitato,
} from '../../domain/organization-kind.js';
import { BELFIORE_COMUNE, BELFIORE_STATO, CAP, PHONE, SIGLA, Trim, UpperCode } from './fields.js';

const REQUIRED = 'Campo obbligatorio';

/** Fields every kind has: name, contacts. */
abstract class OrganizationContactsDto {
  @ApiProperty({ example: 'AZIENDA PROVA 1 SRL', description: 'Ragione sociale / denominazione' })
  @Trim()
  @IsString({ message: 'La ragione sociale deve essere un testo' })
  @Length(2, 200, { message: 'La ragione sociale deve avere da 2 a 200 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  ragioneSociale!: string;

  @ApiProperty({ example: 'Via del Lavoro 12' })
  @Trim()
  @IsString({ message: "L'indirizzo deve essere un testo" })
  @Length(3, 200, { message: "L'indirizzo deve avere da 3 a 200 caratteri" })
  @IsNotEmpty({ message: REQUIRED })
  indirizzo!: string;

  @ApiPropertyOptional({ example: '0461 123456' })
  @Trim()
  @IsOptional()
  @Matches(PHONE, { message: 'Numero di telefono non valido' })
  telefono?: string;

  @ApiPropertyOptional({ example: '0461 123457' })
  @Trim()
  @IsOptional()
  @Matches(PHONE, { message: 'Numero di fax non valido' })
  fax?: string;
}

/** Italian sede legale: provincia, comune (Belfiore code from the type-ahead), CAP checked against the comune. */
abstract class ItalianSedeDto extends OrganizationContactsDto {
  @ApiProperty({ example: 'TN', description: 'Sigla della provincia della sede legale' })
  @UpperCode()
  @Matches(SIGLA, { message: 'Selezionare una provincia' })
  @IsNotEmpty({ message: REQUIRED })
  provincia!: string;

  @ApiProperty({ example: 'L378', description: 'Codice catastale del comune della sede legale' })
  @UpperCode()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare un comune' })
  @IsNotEmpty({ message: REQUIRED })
  comune!: string;

  @ApiPropertyOptional({ example: '38122' })
  @Trim()
  @IsOptional()
  @Matches(CAP, { message: 'Il CAP deve avere 5 cifre' })
  cap?: string;

  @ApiProperty({ example: 'info@aziendaprova.it' })
  @Trim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @Length(3, 254, { message: "L'e-mail può avere al massimo 254 caratteri" })
  @IsNotEmpty({ message: REQUIRED })
  email!: string;

  @ApiPropertyOptional({ example: 'aziendaprova@pec.it' })
  @Trim()
  @IsOptional()
  @IsPec()
  pec?: string;
}

export class RegisterItalianCompanyDto extends ItalianSedeDto {
  @ApiProperty({
    example: '00097020598',
    description: 'Codice fiscale (11 cifre, o 16 caratteri per una ditta individuale)',
  })
  @UpperCode()
  @IsCodiceFiscale({ message: 'Codice fiscale non valido (controllare le cifre e il carattere di controllo)' })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;

  @ApiPropertyOptional({ example: '00097020598' })
  @UpperCode()
  @IsOptional()
  @IsPartitaIva({ message: 'Partita IVA non valida (controllare le cifre)' })
  partitaIva?: string;

  @ApiPropertyOptional({ example: 'C', description: 'Settore economico: sezione ATECO (A–U)' })
  @UpperCode()
  @IsOptional()
  @IsIn(SETTORI_ECONOMICI, { message: 'Selezionare un settore economico' })
  settoreEconomico?: string;

  @ApiPropertyOptional({ example: 'PMI' })
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 80, { message: 'Il tipo azienda può avere al massimo 80 caratteri' })
  tipoAzienda?: string;

  @ApiPropertyOptional({ enum: TIPI_SOGGETTO_ABILITATO, isArray: true })
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(TIPI_SOGGETTO_ABILITATO.length)
  @IsIn(TIPI_SOGGETTO_ABILITATO, { each: true, message: 'Tipo soggetto abilitato non previsto' })
  tipiSoggettoAbilitato?: TipoSoggettoAbilitato[];
}

export class RegisterForeignCompanyDto extends OrganizationContactsDto {
  @ApiProperty({ example: 'DE123456789', description: 'Codice identificativo nello stato estero' })
  @UpperCode()
  @Matches(/^[A-Z0-9][A-Z0-9./-]{1,39}$/, {
    message: 'Codice identificativo non valido (da 2 a 40 lettere, cifre, punti, trattini)',
  })
  @IsNotEmpty({ message: REQUIRED })
  codiceIdentificativo!: string;

  @ApiProperty({ example: 'Z112', description: 'Codice Belfiore dello stato estero' })
  @UpperCode()
  @Matches(BELFIORE_STATO, { message: 'Selezionare uno stato estero' })
  @IsNotEmpty({ message: REQUIRED })
  statoEstero!: string;

  @ApiProperty({ example: 'München' })
  @Trim()
  @IsString()
  @Length(1, 120, { message: 'La città deve avere da 1 a 120 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  citta!: string;

  @ApiPropertyOptional({ example: '80331' })
  @Trim()
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: 'CAP non valido' })
  cap?: string;

  @ApiProperty({ example: 'info@example.de' })
  @Trim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @IsNotEmpty({ message: REQUIRED })
  email!: string;
}

export class RegisterEnteOperatoreDto extends ItalianSedeDto {
  @ApiProperty({ example: '80003170661', description: 'Codice fiscale o partita IVA' })
  @UpperCode()
  @IsCodiceFiscale({ message: 'Codice fiscale / partita IVA non valido' })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;

  @ApiProperty({ enum: TIPI_ENTE, example: 'regione' })
  @IsIn(TIPI_ENTE, { message: 'Selezionare il tipo di ente' })
  @IsNotEmpty({ message: REQUIRED })
  tipoEnte!: TipoEnte;

  @ApiPropertyOptional({ example: 'Ente pubblico territoriale' })
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'La forma giuridica può avere al massimo 120 caratteri' })
  formaGiuridica?: string;

  @ApiPropertyOptional({ enum: TIPI_SOGGETTO_ABILITATO, isArray: true })
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @IsIn(TIPI_SOGGETTO_ABILITATO, { each: true, message: 'Tipo soggetto abilitato non previsto' })
  tipiSoggettoAbilitato?: TipoSoggettoAbilitato[];
}

export class RegisterPublicAdministrationDto extends ItalianSedeDto {
  @ApiProperty({ example: '80015010723', description: "Codice fiscale dell'ente" })
  @UpperCode()
  @Matches(/^\d{11}$/, { message: "Il codice fiscale dell'ente ha 11 cifre" })
  @IsCodiceFiscale({ message: "Codice fiscale dell'ente non valido" })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;

  @ApiPropertyOptional({ example: 'c_l378', description: 'Codice IPA' })
  @Trim()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{2,20}$/, { message: 'Codice IPA non valido' })
  codiceIpa?: string;
}
