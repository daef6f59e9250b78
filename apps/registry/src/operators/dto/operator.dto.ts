import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  RegistryOperator,
  RegistryOperatorAssignment,
  RegistryOperatorTerritory,
  RegistryOperatorUnit,
} from '@profila/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

const REQUIRED = 'Campo obbligatorio';

export class OperatorUnitResponse implements RegistryOperatorUnit {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ type: [String], description: 'Comuni serviti (codici catastali)' }) comuniServiti!: string[];
  @ApiProperty({ type: [String], description: 'Province servite (sigle)' }) provinceServite!: string[];
}

/** `GET /operators/:codiceFiscale`: the territory of an operator (the units where they hold BACKOFFICE). */
export class OperatorTerritoryResponse implements RegistryOperatorTerritory {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ description: 'Holds BACKOFFICE somewhere' }) operatore!: boolean;
  @ApiProperty({ description: 'Holds SUPEROPERATORE somewhere' }) superOperatore!: boolean;
  @ApiProperty({ type: [OperatorUnitResponse] }) units!: OperatorUnitResponse[];
}

export class OperatorAssignmentResponse implements RegistryOperatorAssignment {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty() superOperatore!: boolean;
  @ApiProperty({ type: [OperatorUnitResponse] }) units!: OperatorUnitResponse[];
}

export class OperatorResponse implements RegistryOperator {
  @ApiProperty() codiceFiscale!: string;
  @ApiProperty({ type: String, nullable: true }) nome!: string | null;
  @ApiProperty({ type: String, nullable: true }) cognome!: string | null;
  @ApiProperty({ type: [OperatorAssignmentResponse] }) assignments!: OperatorAssignmentResponse[];
}

export class OperatorListResponse {
  @ApiProperty({ type: [OperatorResponse] }) items!: OperatorResponse[];
}

export class StructureUnitResponse {
  @ApiProperty() unitId!: string;
  @ApiProperty() descrizione!: string;
  @ApiProperty({ type: [String] }) comuniServiti!: string[];
  @ApiProperty({ type: [String] }) provinceServite!: string[];
}

export class StructureResponse {
  @ApiProperty() organizationId!: string;
  @ApiProperty() ragioneSociale!: string;
  @ApiProperty({ type: String, nullable: true }) tipoEnte!: string | null;
  @ApiProperty({ type: [StructureUnitResponse] }) units!: StructureUnitResponse[];
}

export class StructureListResponse {
  @ApiProperty({ type: [StructureResponse] }) items!: StructureResponse[];
}

/** Assign a person as operator on some units of a Region / Provincia / agency (or change the assignment). */
export class AssignOperatorDto {
  @ApiProperty({ example: 'Luca' })
  @IsString({ message: REQUIRED })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(100, { message: 'Al massimo 100 caratteri' })
  nome!: string;

  @ApiProperty({ example: 'Esposito' })
  @IsString({ message: REQUIRED })
  @IsNotEmpty({ message: REQUIRED })
  @MaxLength(100, { message: 'Al massimo 100 caratteri' })
  cognome!: string;

  @ApiProperty({ type: [String], description: 'Unità (CPI, sedi) di competenza' })
  @IsArray({ message: 'Deve essere un elenco' })
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true, message: 'Unità non valida' })
  unitIds!: string[];

  @ApiPropertyOptional({ description: 'Gestisce anche gli operatori' })
  @IsOptional()
  @IsBoolean({ message: 'Deve essere vero o falso' })
  superOperatore?: boolean;
}
