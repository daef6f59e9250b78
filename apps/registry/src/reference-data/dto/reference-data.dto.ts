import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class TypeAheadQuery {
  @ApiPropertyOptional({ description: 'Testo digitato (parte del nome)', example: 'Tre' })
  @IsOptional()
  @IsString({ message: 'Il testo di ricerca deve essere una stringa' })
  @MaxLength(80, { message: 'Il testo di ricerca può avere al massimo 80 caratteri' })
  q?: string;
}

export class ProvinciaResponse {
  @ApiProperty({ example: 'TN' })
  sigla!: string;

  @ApiProperty({ example: 'Trento' })
  nome!: string;
}

export class ComuneResponse {
  @ApiProperty({ example: 'L378', description: 'Codice catastale (Belfiore)' })
  codiceBelfiore!: string;

  @ApiProperty({ example: 'Trento' })
  nome!: string;

  @ApiProperty({ example: 'TN' })
  provincia!: string;

  @ApiProperty({ type: [String], example: ['38121', '38122', '38123'] })
  cap!: string[];
}

export class StatoEsteroResponse {
  @ApiProperty({ example: 'Z112', description: 'Codice Belfiore dello stato (Z + 3 cifre)' })
  codiceBelfiore!: string;

  @ApiProperty({ example: 'Germania' })
  nome!: string;

  @ApiProperty({ type: String, nullable: true, example: 'DE' })
  iso3166!: string | null;
}

export class ProvinceListResponse {
  @ApiProperty({ type: [ProvinciaResponse] })
  items!: ProvinciaResponse[];
}

export class ComuniListResponse {
  @ApiProperty({ type: [ComuneResponse] })
  items!: ComuneResponse[];
}

export class StatiListResponse {
  @ApiProperty({ type: [StatoEsteroResponse] })
  items!: StatoEsteroResponse[];
}
