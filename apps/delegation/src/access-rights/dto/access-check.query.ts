import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsCodiceFiscale } from '@profila/italian';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** The question of a check, from the citizen's own point of view (the citizen is the caller). */
export class OwnAccessCheckQuery {
  @ApiProperty({ description: 'The organisation’s id in the registry (a UUID)' })
  @IsString({ message: 'Organizzazione non valida' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'Organizzazione non valida' })
  organizationId!: string;

  @ApiPropertyOptional({ description: 'A service permission: COB, SARE, IDO, RAA, ANAGRAFICA', example: 'COB' })
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z_]{2,32}$/, { message: 'Permesso non valido' })
  permission?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'An operating unit of the organisation' })
  @IsOptional()
  @IsUUID('all', { message: 'Unità operativa non valida' })
  unitId?: string;
}

/** `may <citizen> act for <organisation> with <permission> [on <unit>] at <time>`. */
export class AccessCheckQuery extends OwnAccessCheckQuery {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  @Transform(upper)
  @IsCodiceFiscale()
  codiceFiscale!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'Istante non valido (ISO 8601)' })
  at?: string;
}
