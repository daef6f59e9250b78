import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsISO8601, IsNotEmpty, IsOptional, IsString, Length, Matches } from 'class-validator';
import { BELFIORE_COMUNE, CAP, ISO_DATE, SIGLA, Trim, UpperCode } from '../../organizations/dto/fields.js';

const REQUIRED = 'Campo obbligatorio';
const upperAll = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v))
      : value,
  );

export class UnitDto {
  @ApiProperty({ example: 'Sede di Rovereto' })
  @Trim()
  @IsString()
  @Length(2, 200, { message: 'La descrizione deve avere da 2 a 200 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  descrizione!: string;

  @ApiProperty({ example: 'H612', description: 'Codice catastale del comune' })
  @UpperCode()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare un comune' })
  @IsNotEmpty({ message: REQUIRED })
  comune!: string;

  @ApiPropertyOptional({ example: '38068' })
  @Trim()
  @IsOptional()
  @Matches(CAP, { message: 'Il CAP deve avere 5 cifre' })
  cap?: string;

  @ApiProperty({ example: 'Via del Lavoro 1' })
  @Trim()
  @IsString()
  @Length(3, 200, { message: "L'indirizzo deve avere da 3 a 200 caratteri" })
  @IsNotEmpty({ message: REQUIRED })
  indirizzo!: string;

  @ApiProperty({ example: '2025-01-01', description: 'Data inizio validità' })
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  @IsNotEmpty({ message: REQUIRED })
  validaDal!: string;

  @ApiPropertyOptional({ example: '2100-12-31', description: 'Data fine validità' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'Data nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data non valida' })
  validaAl?: string;

  @ApiPropertyOptional({ type: [String], example: ['H612'], description: 'Regioni, Province, PA: comuni serviti' })
  @upperAll()
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(8000)
  @Matches(BELFIORE_COMUNE, { each: true, message: 'Comune servito non valido' })
  comuniServiti?: string[];

  @ApiPropertyOptional({ type: [String], example: ['TN'], description: 'Regioni, PA: province servite' })
  @upperAll()
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(120)
  @Matches(SIGLA, { each: true, message: 'Provincia servita non valida' })
  provinceServite?: string[];
}

export class UnitResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ example: 'H612' }) comune!: string;
  @ApiProperty({ example: 'Rovereto' }) comuneNome!: string;
  @ApiProperty({ example: 'TN' }) provincia!: string;
  @ApiProperty({ type: String, nullable: true }) cap!: string | null;
  @ApiProperty() indirizzo!: string;
  @ApiProperty({ example: '2025-01-01' }) validaDal!: string;
  @ApiProperty({ type: String, nullable: true }) validaAl!: string | null;
  @ApiProperty({ type: [String] }) comuniServiti!: string[];
  @ApiProperty({ type: [String] }) provinceServite!: string[];
}

export class UnitListResponse {
  @ApiProperty({ type: [UnitResponse] }) items!: UnitResponse[];
}
