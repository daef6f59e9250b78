import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Length, Matches } from 'class-validator';

/** "Ricerca destinatario" of a delega: the first characters of the delegate's codice fiscale. */
export class SearchKnownCitizensQuery {
  @ApiProperty({ description: 'At least 3 characters of the codice fiscale, from the start', example: 'RSSMRA' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.replace(/\s+/g, '').toUpperCase() : value,
  )
  @IsString({ message: 'Indicare l’inizio del codice fiscale' })
  @Length(3, 16, { message: 'Indicare da 3 a 16 caratteri del codice fiscale' })
  @Matches(/^[A-Z0-9]+$/, { message: 'Il codice fiscale contiene solo lettere e cifre' })
  codiceFiscale!: string;
}
