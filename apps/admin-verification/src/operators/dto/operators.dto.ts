import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REQUIRED, Trim } from '../../requests/dto/fields.js';

export class OperatorUnitDto {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ type: [String] }) comuniServiti!: string[];
  @ApiProperty({ type: [String] }) provinceServite!: string[];
}

export class OperatorMeResponse {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty() superOperatore!: boolean;
  @ApiProperty({ type: [OperatorUnitDto], description: 'Unità di competenza (il territorio)' })
  units!: OperatorUnitDto[];
}

export class OperatorAssignmentDto {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty() superOperatore!: boolean;
  @ApiProperty({ type: [OperatorUnitDto] }) units!: OperatorUnitDto[];
}

export class OperatorEntryDto {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ type: String, nullable: true }) nome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cognome!: string | null;
  @ApiProperty({ type: [OperatorAssignmentDto] }) assignments!: OperatorAssignmentDto[];
}

export class OperatorListDto {
  @ApiProperty({ type: [OperatorEntryDto] }) items!: OperatorEntryDto[];
}

export class StructureUnitDto {
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ type: [String] }) comuniServiti!: string[];
  @ApiProperty({ type: [String] }) provinceServite!: string[];
}

export class StructureDto {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: String, nullable: true }) tipoEnte!: string | null;
  @ApiProperty({ type: [StructureUnitDto] }) units!: StructureUnitDto[];
}

export class StructureListDto {
  @ApiProperty({ type: [StructureDto] }) items!: StructureDto[];
}

export class AssignOperatorBody {
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

  @ApiProperty({ type: [String], description: 'Unità di competenza (CPI, sedi)' })
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'Unità non valida' })
  unitIds!: string[];

  @ApiPropertyOptional({ description: 'Gestisce anche gli operatori' })
  @IsOptional()
  @IsBoolean({ message: 'Deve essere vero o falso' })
  superOperatore?: boolean;
}

export class EndResponsabileResponse {
  @ApiProperty() ended!: boolean;
  @ApiProperty() ragioneSociale!: string;
}
