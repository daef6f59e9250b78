import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { IsPec } from '@profila/italian';
import type { CitizenSource } from '../citizen.entity.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Identity data asserted by an identity provider (or a legacy import) for one citizen. Missing values: unknown. */
export class UpsertCitizenDto {
  @ApiProperty({ example: 'Mario' })
  @IsString()
  @Length(1, 200)
  nome!: string;

  @ApiProperty({ example: 'Rossi' })
  @IsString()
  @Length(1, 200)
  cognome!: string;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiProperty({ enum: ['spid', 'cie', 'cps', 'migration', 'dev'] })
  @IsIn(['spid', 'cie', 'cps', 'migration', 'dev'])
  source!: CitizenSource;

  @ApiProperty({ required: false, nullable: true, enum: ['M', 'F'] })
  @IsOptional()
  @IsIn(['M', 'F'])
  sesso?: 'M' | 'F' | null;

  @ApiProperty({ required: false, nullable: true, example: '1980-01-01' })
  @IsOptional()
  @Matches(DATE)
  dataNascita?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  luogoNascita?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  provinciaNascita?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  documentoTipo?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  documentoNumero?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  documentoRilasciatoDa?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @Matches(DATE)
  documentoDataRilascio?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @Matches(DATE)
  documentoDataScadenza?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  domicilioIndirizzo?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  domicilioComune?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  domicilioProvincia?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  domicilioCap?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  cellulare?: string | null;

  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  spidCode?: string | null;

  /** The IdP's domicilio digitale: becomes the PEC only while the citizen has none. */
  @ApiProperty({ required: false, nullable: true })
  @IsOptional()
  @IsPec()
  @MaxLength(254)
  pec?: string | null;
}
