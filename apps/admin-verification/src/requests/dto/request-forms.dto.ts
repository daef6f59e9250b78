import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsCodiceFiscale, IsCodiceFiscalePersona, IsPec } from '@profila/italian';
import { BELFIORE_ANY, BELFIORE_COMUNE, ISO_DATE, LowerTrim, REQUIRED, SIGLA, Trim, UpperCode } from './fields.js';

const CF_MESSAGE = 'Codice fiscale non valido (controllare il carattere di controllo)';

abstract class NamedPersonDto {
  @ApiProperty({ example: 'Lorenzo', description: 'Nome *' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 100, { message: 'Al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  nome!: string;

  @ApiProperty({ example: 'Venturi', description: 'Cognome *' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 100, { message: 'Al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  cognome!: string;

  @ApiProperty({ example: 'VNTLNZ88B26I921M', description: 'Codice Fiscale *' })
  @UpperCode()
  @IsCodiceFiscalePersona({ message: CF_MESSAGE })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;
}

abstract class BornPersonDto extends NamedPersonDto {
  @ApiProperty({ example: '1988-02-26', description: 'Data di Nascita *' })
  @Matches(ISO_DATE, { message: 'Data di nascita nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data di nascita non valida' })
  @IsNotEmpty({ message: REQUIRED })
  dataNascita!: string;

  @ApiProperty({ example: 'I921', description: 'Comune o stato di nascita * (codice catastale, Z... per uno stato)' })
  @UpperCode()
  @Matches(BELFIORE_ANY, { message: 'Selezionare il comune o lo stato di nascita' })
  @IsNotEmpty({ message: REQUIRED })
  luogoNascita!: string;
}

/** "Gestione dati amministratore" (Trentino Lavoro): Dati Amministratore Aziendale. */
export class AmministratoreRequestDto extends BornPersonDto {
  @ApiProperty({ description: "L'azienda (id nell'anagrafica delle organizzazioni)" })
  @IsUUID('all', { message: "Selezionare l'azienda" })
  @IsNotEmpty({ message: REQUIRED })
  organizationId!: string;

  @ApiProperty({ example: 'lorenzo.venturi@example.org', description: 'Indirizzo E-mail Amministratore aziendale *' })
  @LowerTrim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @IsNotEmpty({ message: REQUIRED })
  email!: string;

  @ApiProperty({ description: 'Indirizzo E-mail Amministratore aziendale Conferma *' })
  @LowerTrim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @IsNotEmpty({ message: REQUIRED })
  emailConferma!: string;
}

/** Registrazione amministrazione (Portale Lavoro Pubblico): the Responsabile unico and the PA. */
export class ResponsabileUnicoRequestDto extends NamedPersonDto {
  @ApiProperty({ example: '00355870221', description: "Codice fiscale dell'amministrazione" })
  @UpperCode()
  @Matches(/^\d{11}$/, { message: "Il codice fiscale dell'amministrazione ha 11 cifre" })
  @IsCodiceFiscale({ message: "Codice fiscale dell'amministrazione non valido" })
  @IsNotEmpty({ message: REQUIRED })
  paCodiceFiscale!: string;

  @ApiProperty({ example: 'responsabile@comune.trento.it', description: 'Mail' })
  @LowerTrim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @IsNotEmpty({ message: REQUIRED })
  email!: string;

  @ApiProperty({ example: 'responsabile@pec.comune.trento.it', description: 'PEC del Responsabile unico' })
  @LowerTrim()
  @IsPec({ message: 'Indirizzo PEC non valido' })
  @IsNotEmpty({ message: REQUIRED })
  pec!: string;
}

/** REGISTRAZIONE AVVOCATI ED ENTI AUTORIZZATI PER ACCESSO AGLI ATTI: DATI PERSONA, only the RAA module. */
export class RaaRequestDto extends BornPersonDto {
  @ApiProperty({ example: 'Via Garibaldi 8', description: 'Indirizzo di Residenza *' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 200, { message: 'Al massimo 200 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  indirizzoResidenza!: string;

  @ApiProperty({ example: 'C933', description: 'Comune di Residenza * (codice catastale)' })
  @UpperCode()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare il comune di residenza' })
  @IsNotEmpty({ message: REQUIRED })
  comuneResidenza!: string;

  @ApiProperty({ example: 'CO', description: 'Provincia di Residenza *' })
  @UpperCode()
  @Matches(SIGLA, { message: 'Selezionare la provincia di residenza' })
  @IsNotEmpty({ message: REQUIRED })
  provinciaResidenza!: string;

  @ApiProperty({ example: 'antonio.tursi@example.org', description: 'E-Mail *' })
  @LowerTrim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  @IsNotEmpty({ message: REQUIRED })
  email!: string;

  @ApiProperty({ example: 'antonio.tursi@pec.example.org', description: 'PEC (riceve il link di conferma)' })
  @LowerTrim()
  @IsPec({ message: 'Indirizzo PEC non valido' })
  @IsNotEmpty({ message: REQUIRED })
  pec!: string;

  @ApiPropertyOptional({ example: 'Avvocato', description: 'Professione/Ruolo' })
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'Al massimo 100 caratteri' })
  professione?: string;
}

export class RejectDto {
  @ApiProperty({ description: 'Motivazione (obbligatoria)' })
  @Trim()
  @IsString({ message: 'Indicare la motivazione' })
  @Length(1, 2000, { message: 'Al massimo 2000 caratteri' })
  @IsNotEmpty({ message: 'Indicare la motivazione' })
  reason!: string;
}

export class IntegrationDto {
  @ApiProperty({ description: 'Cosa manca o va corretto' })
  @Trim()
  @IsString({ message: 'Indicare cosa integrare' })
  @Length(1, 2000, { message: 'Al massimo 2000 caratteri' })
  @IsNotEmpty({ message: 'Indicare cosa integrare' })
  missing!: string;
}

/** The operator adds a PA that is not in the registry (from IPA, or by hand). */
export class PublicAdministrationDto {
  @ApiProperty({ example: 'Comune di Trento' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 200, { message: 'Al massimo 200 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  denominazione!: string;

  @ApiProperty({ example: 'L378' })
  @UpperCode()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare il comune' })
  comune!: string;

  @ApiProperty({ example: 'TN' })
  @UpperCode()
  @Matches(SIGLA, { message: 'Selezionare la provincia' })
  provincia!: string;

  @ApiProperty({ example: 'Via Belenzani 19' })
  @Trim()
  @IsString({ message: REQUIRED })
  @IsNotEmpty({ message: REQUIRED })
  indirizzo!: string;

  @ApiPropertyOptional({ example: '38122' })
  @Trim()
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'CAP di 5 cifre' })
  cap?: string;

  @ApiProperty({ example: 'protocollo@comune.trento.it' })
  @LowerTrim()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  email!: string;

  @ApiPropertyOptional({ example: 'c_l378' })
  @Trim()
  @IsOptional()
  @Matches(/^[A-Za-z0-9_]{2,20}$/, { message: 'Codice IPA non valido' })
  codiceIpa?: string;
}
