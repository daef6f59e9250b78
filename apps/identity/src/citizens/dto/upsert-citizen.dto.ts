import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { CitizenSource } from '../citizen.entity.js';

/** Identity data asserted by an identity provider (or a legacy import) for one citizen. */
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
}
