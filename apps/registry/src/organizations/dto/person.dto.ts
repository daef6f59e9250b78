import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsNotEmpty, IsString, Length, Matches } from 'class-validator';
import { IsCodiceFiscalePersona } from '@profila/italian';
import { BELFIORE_ANY, ISO_DATE, Trim, UpperCode } from './fields.js';

const REQUIRED = 'Campo obbligatorio';

/** A person identified by codice fiscale, whose birth date and place must be the ones the code encodes. */
export class PersonDto {
  @ApiProperty({ example: 'VNTLNZ88B26I921M' })
  @UpperCode()
  @IsCodiceFiscalePersona({ message: 'Codice fiscale non valido (controllare il carattere di controllo)' })
  @IsNotEmpty({ message: REQUIRED })
  codiceFiscale!: string;

  @ApiProperty({ example: 'Lorenzo' })
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'Il nome può avere al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  nome!: string;

  @ApiProperty({ example: 'Venturi' })
  @Trim()
  @IsString()
  @Length(1, 100, { message: 'Il cognome può avere al massimo 100 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  cognome!: string;

  @ApiProperty({ example: '1988-02-26' })
  @Matches(ISO_DATE, { message: 'Data di nascita nel formato AAAA-MM-GG' })
  @IsISO8601({ strict: true }, { message: 'Data di nascita non valida' })
  @IsNotEmpty({ message: REQUIRED })
  dataNascita!: string;

  @ApiProperty({ example: 'I921', description: 'Codice catastale del comune o codice dello stato (Z...) di nascita' })
  @UpperCode()
  @Matches(BELFIORE_ANY, { message: 'Selezionare il comune o lo stato di nascita' })
  @IsNotEmpty({ message: REQUIRED })
  luogoNascita!: string;
}

export class LegalRepresentativeDto extends PersonDto {}
