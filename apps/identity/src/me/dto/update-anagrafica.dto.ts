import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsPec } from '@profila/italian';
import { normaliseCountry, TITOLO_STUDIO_CODES } from '../anagrafica-lists.js';

@ValidatorConstraint({ name: 'isCountry' })
class IsCountryConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && normaliseCountry(value) !== undefined;
  }

  defaultMessage(): string {
    return 'Cittadinanza non valida: scegli uno stato dalla lista';
  }
}

const PHONE = /^\+?[0-9]{6,15}$/;

/** Trimmed; an empty string clears the field. */
const blankToNull = () =>
  Transform(({ value }: { value: unknown }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

/** What the citizen may change in "Gestione anagrafica". Omitted: unchanged; null or "": cleared. */
export class UpdateAnagraficaDto {
  @ApiProperty({ required: false, nullable: true, example: 'Italia', description: 'Nome o codice ISO dello stato' })
  @blankToNull()
  @IsOptional()
  @Validate(IsCountryConstraint)
  cittadinanza?: string | null;

  @ApiProperty({ required: false, nullable: true, example: 'mario.rossi@pec.it' })
  @blankToNull()
  @IsOptional()
  @IsPec()
  @MaxLength(254, { message: 'Indirizzo PEC troppo lungo' })
  pec?: string | null;

  @ApiProperty({ required: false, nullable: true, example: '+390612345678' })
  @blankToNull()
  @IsOptional()
  @IsString({ message: 'Numero di telefono non valido' })
  @Matches(PHONE, { message: 'Numero di telefono non valido: solo cifre, con il + iniziale facoltativo' })
  telefono?: string | null;

  @ApiProperty({ required: false, nullable: true, example: '0612345678' })
  @blankToNull()
  @IsOptional()
  @IsString({ message: 'Numero di fax non valido' })
  @Matches(PHONE, { message: 'Numero di fax non valido: solo cifre, con il + iniziale facoltativo' })
  fax?: string | null;

  @ApiProperty({ required: false, nullable: true, enum: TITOLO_STUDIO_CODES })
  @blankToNull()
  @IsOptional()
  @IsIn(TITOLO_STUDIO_CODES, { message: 'Titolo di studio non valido: scegli un valore dalla lista' })
  titoloStudio?: string | null;
}
