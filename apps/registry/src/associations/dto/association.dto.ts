import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';
import { TIPI_SOGGETTO_ABILITATO, type TipoSoggettoAbilitato } from '../../domain/organization-kind.js';
import { Trim } from '../../organizations/dto/fields.js';
import { PersonDto } from '../../organizations/dto/person.dto.js';

const REQUIRED = 'Campo obbligatorio';

/**
 * Passo 1: the declarant's data printed on the PDF (the codice fiscale is the login's). Nome, cognome and data di
 * nascita carry PersonDto's rules; the place of birth is printed as written, not a codice catastale.
 */
export class DeclarationRequestDto extends PickType(PersonDto, ['nome', 'cognome', 'dataNascita'] as const) {
  @ApiProperty({ example: "San Michele all'Adige (TN)" })
  @Trim()
  @IsString()
  @Length(1, 120, { message: 'Il luogo di nascita può avere al massimo 120 caratteri' })
  @IsNotEmpty({ message: REQUIRED })
  luogoNascita!: string;

  @ApiPropertyOptional({ enum: TIPI_SOGGETTO_ABILITATO, description: "Se l'azienda ne ha più d'uno" })
  @IsOptional()
  @IsIn(TIPI_SOGGETTO_ABILITATO, { message: 'Selezionare un soggetto abilitato' })
  tipoSoggettoAbilitato?: TipoSoggettoAbilitato;
}

export class AssociationResponse {
  @ApiProperty({ example: 'Associazione effettuata correttamente' }) message!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'uuid' }) associationId!: string;
  @ApiProperty({ format: 'uuid', description: 'La dichiarazione firmata in document-store' }) documentId!: string;
  @ApiProperty({ format: 'uuid', description: "L'appartenenza come amministratore" }) membershipId!: string;
}

export class RevocationResponse {
  @ApiProperty({ example: 'Profilo revocato' }) message!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
}

/** OpenAPI schema of the Passo 3 form. */
export const ASSOCIATE_SCHEMA = {
  type: 'object',
  required: ['requestCode', 'dichiarazione', 'file'],
  properties: {
    requestCode: { type: 'string', description: 'Il codice richiesta stampato sulla dichiarazione (Passo 1)' },
    dichiarazione: {
      type: 'string',
      enum: ['true'],
      description: 'Dichiaro che la firma digitale è stata apposta sul file PDF prodotto dal sistema…',
    },
    file: { type: 'string', format: 'binary', description: 'PDF firmato (PAdES) o busta .p7m (CAdES), max 3 MB' },
  },
};
