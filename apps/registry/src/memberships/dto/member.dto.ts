import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsUUID,
  Matches,
} from 'class-validator';
import { ROLES, type Role } from '../../common/roles.js';
import { ISO_DATE } from '../../organizations/dto/fields.js';
import { PersonDto } from '../../organizations/dto/person.dto.js';

const SCOPES = ['organizzazione', 'unita'] as const;

/** Roles, scope and validity of a collaborator ("Cariche di organico"). */
export class MemberGrantDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['COB'] })
  @IsArray({ message: 'Selezionare almeno un ruolo' })
  @ArrayMinSize(1, { message: 'Selezionare almeno un ruolo' })
  @ArrayUnique({ message: 'Ruolo ripetuto' })
  @IsIn(ROLES, { each: true, message: 'Ruolo non previsto (COB, SARE, IDO, RAA, ANAGRAFICA)' })
  ruoli!: Role[];

  @ApiProperty({ enum: SCOPES, description: "Ambito: l'intera organizzazione o alcune unità operative" })
  @IsIn(SCOPES, { message: 'Ambito non previsto' })
  @IsNotEmpty({ message: 'Campo obbligatorio' })
  ambito!: (typeof SCOPES)[number];

  @ApiPropertyOptional({ type: [String], description: 'Con ambito «unita»: le unità operative' })
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @IsUUID('all', { each: true, message: 'Unità operativa non valida' })
  unitaIds?: string[];

  @ApiPropertyOptional({ example: '2025-01-01', description: 'Da (oggi se assente)' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  validaDal?: string;

  @ApiPropertyOptional({ example: '2030-12-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  validaAl?: string;
}

/** Aggiungi un utente: the person (checked against the CF) and their grant. */
export class AddMemberDto extends PersonDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['COB'] })
  @IsArray({ message: 'Selezionare almeno un ruolo' })
  @ArrayMinSize(1, { message: 'Selezionare almeno un ruolo' })
  @ArrayUnique({ message: 'Ruolo ripetuto' })
  @IsIn(ROLES, { each: true, message: 'Ruolo non previsto (COB, SARE, IDO, RAA, ANAGRAFICA)' })
  ruoli!: Role[];

  @ApiProperty({ enum: SCOPES })
  @IsIn(SCOPES, { message: 'Ambito non previsto' })
  @IsNotEmpty({ message: 'Campo obbligatorio' })
  ambito!: (typeof SCOPES)[number];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @IsUUID('all', { each: true, message: 'Unità operativa non valida' })
  unitaIds?: string[];

  @ApiPropertyOptional({ example: '2025-01-01' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  validaDal?: string;

  @ApiPropertyOptional({ example: '2030-12-31' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  validaAl?: string;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ type: String, nullable: true }) nome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cognome!: string | null;
  @ApiProperty({ type: String, nullable: true }) dataNascita!: string | null;
  @ApiProperty({ type: String, nullable: true }) luogoNascita!: string | null;
  @ApiProperty({ enum: ['amministratore', 'collaboratore'] }) tipo!: 'amministratore' | 'collaboratore';
  @ApiProperty({ enum: ROLES, isArray: true }) ruoli!: Role[];
  @ApiProperty({ enum: SCOPES }) ambito!: (typeof SCOPES)[number];
  @ApiProperty({ type: [String] }) unitaIds!: string[];
  @ApiProperty() validaDal!: string;
  @ApiProperty({ type: String, nullable: true }) validaAl!: string | null;
}

export class MemberListResponse {
  @ApiProperty({ type: [MemberResponse] }) items!: MemberResponse[];
}
