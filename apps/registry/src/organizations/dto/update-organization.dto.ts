import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsPec } from '@profila/italian';
import {
  SETTORI_ECONOMICI,
  TIPI_SOGGETTO_ABILITATO,
  type TipoSoggettoAbilitato,
} from '../../domain/organization-kind.js';
import { BELFIORE_COMUNE, PHONE, SIGLA, Trim, UpperCode } from './fields.js';

/** "Dati azienda": the fields given change, the others stay. Identifiers (CF, stato) never change. */
export class UpdateOrganizationDto {
  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @Length(2, 200, { message: 'La ragione sociale deve avere da 2 a 200 caratteri' })
  ragioneSociale?: string;

  @ApiPropertyOptional({ example: 'TN' })
  @UpperCode()
  @IsOptional()
  @Matches(SIGLA, { message: 'Selezionare una provincia' })
  provincia?: string;

  @ApiPropertyOptional({ example: 'L378' })
  @UpperCode()
  @IsOptional()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare un comune' })
  comune?: string;

  @ApiPropertyOptional({ example: '38122' })
  @Trim()
  @IsOptional()
  @Matches(/^[A-Za-z0-9 -]{2,12}$/, { message: 'CAP non valido' })
  cap?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @Length(3, 200, { message: "L'indirizzo deve avere da 3 a 200 caratteri" })
  indirizzo?: string;

  @ApiPropertyOptional({ description: 'Solo aziende estere' })
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'La città deve avere da 1 a 120 caratteri' })
  citta?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsEmail({}, { message: 'Indirizzo e-mail non valido' })
  email?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsPec()
  pec?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @Matches(PHONE, { message: 'Numero di telefono non valido' })
  telefono?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @Matches(PHONE, { message: 'Numero di fax non valido' })
  fax?: string;

  @ApiPropertyOptional({ example: 'TN', description: 'Provincia di riferimento (SARE)' })
  @UpperCode()
  @IsOptional()
  @Matches(SIGLA, { message: 'Selezionare una provincia' })
  provinciaRiferimento?: string;

  @ApiPropertyOptional({ example: 'C' })
  @UpperCode()
  @IsOptional()
  @IsIn(SETTORI_ECONOMICI, { message: 'Selezionare un settore economico' })
  settoreEconomico?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 80, { message: 'Il tipo azienda può avere al massimo 80 caratteri' })
  tipoAzienda?: string;

  @ApiPropertyOptional()
  @Trim()
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'La forma giuridica può avere al massimo 120 caratteri' })
  formaGiuridica?: string;

  @ApiPropertyOptional({ enum: TIPI_SOGGETTO_ABILITATO, isArray: true, description: 'Tipologia azienda (SARE)' })
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @IsIn(TIPI_SOGGETTO_ABILITATO, { each: true, message: 'Tipo soggetto abilitato non previsto' })
  tipiSoggettoAbilitato?: TipoSoggettoAbilitato[];
}
