import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { BELFIORE_COMUNE, ISO_DATE, REQUIRED, SIGLA, Trim, UpperCode } from '../../requests/dto/fields.js';

const upperAll = () =>
  Transform(({ value }: { value: unknown }) =>
    Array.isArray(value)
      ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v)).filter((v) => v !== '')
      : value,
  );

/** A sede or CPI of the Region / Provincia (the registry's operating unit), with the territory it serves. */
export class StructureUnitBody {
  @ApiProperty({ example: 'CPI di Rovereto' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(2, 200, { message: 'La descrizione deve avere da 2 a 200 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  descrizione!: string;

  @ApiProperty({ example: 'H612', description: 'Codice catastale del comune della sede' })
  @UpperCode()
  @Matches(BELFIORE_COMUNE, { message: 'Selezionare un comune' })
  @IsNotEmpty({ message: REQUIRED })
  comune!: string;

  @ApiPropertyOptional({ example: '38068' })
  @Trim()
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'Il CAP deve avere 5 cifre' })
  cap?: string;

  @ApiProperty({ example: 'Viale Trento 31' })
  @Trim()
  @IsString({ message: REQUIRED })
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

  @ApiPropertyOptional({ type: [String], example: ['H612'], description: 'Comuni serviti (codici catastali)' })
  @upperAll()
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(8000)
  @Matches(BELFIORE_COMUNE, { each: true, message: 'Comune servito non valido' })
  comuniServiti?: string[];

  @ApiPropertyOptional({ type: [String], example: ['TN'], description: 'Province servite (sigle)' })
  @upperAll()
  @IsOptional()
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(120)
  @Matches(SIGLA, { each: true, message: 'Provincia servita non valida' })
  provinceServite?: string[];
}

/** A member of the staff on some of the structure's units (the BACKOFFICE role there). */
export class StaffBody {
  @ApiProperty({ example: 'Francesca' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 100, { message: 'Al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  nome!: string;

  @ApiProperty({ example: 'Romano' })
  @Trim()
  @IsString({ message: REQUIRED })
  @Length(1, 100, { message: 'Al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  cognome!: string;

  @ApiProperty({ type: [String], description: 'Le sedi / CPI su cui opera' })
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'Unità non valida' })
  unitIds!: string[];
}

export class StructureUnitResponse {
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ example: 'L378' }) comune!: string;
  @ApiProperty({ example: 'Trento' }) comuneNome!: string;
  @ApiProperty({ example: 'TN' }) provincia!: string;
  @ApiProperty({ type: String, nullable: true }) cap!: string | null;
  @ApiProperty() indirizzo!: string;
  @ApiProperty() validaDal!: string;
  @ApiProperty({ type: String, nullable: true }) validaAl!: string | null;
  @ApiProperty({ type: [String] }) comuniServiti!: string[];
  @ApiProperty({ type: [String] }) provinceServite!: string[];
}

export class StaffUnitResponse {
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
}

export class StaffMemberResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ type: String, nullable: true }) nome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cognome!: string | null;
  @ApiProperty() superOperatore!: boolean;
  @ApiProperty({ type: [StaffUnitResponse] }) units!: StaffUnitResponse[];
}

export class StructureDetailResponse {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: String, nullable: true }) tipoEnte!: string | null;
  @ApiProperty({ type: [StructureUnitResponse], description: 'Sedi e CPI, con i comuni e le province serviti' })
  units!: StructureUnitResponse[];
  @ApiProperty({ type: [StaffMemberResponse], description: 'Il personale: chi ha il ruolo di back office sulle unità' })
  staff!: StaffMemberResponse[];
}
