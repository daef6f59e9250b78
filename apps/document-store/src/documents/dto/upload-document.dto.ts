import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DOCUMENT_ENTITY_TYPES, type DocumentEntityType } from '../domain/document-entity.js';
import { DOCUMENT_KINDS, type DocumentKind } from '../../domain/document-kind.js';

export const ENTITY_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;
export const TERRITORY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

/** Text fields of the upload form (they precede the file part). */
export class UploadDocumentFields {
  @ApiProperty({ enum: DOCUMENT_KINDS, description: 'Tipo di documento: decide dimensione massima e formati ammessi' })
  @IsIn(DOCUMENT_KINDS, { message: `Tipo di documento non ammesso: uno tra ${DOCUMENT_KINDS.join(', ')}` })
  kind!: DocumentKind;

  @ApiProperty({ enum: DOCUMENT_ENTITY_TYPES, description: 'A cosa è collegato il documento' })
  @IsIn(DOCUMENT_ENTITY_TYPES, { message: `Entità non ammessa: una tra ${DOCUMENT_ENTITY_TYPES.join(', ')}` })
  entityType!: DocumentEntityType;

  @ApiProperty({
    example: 'RSSMRA80A01H501U',
    description: 'Codice fiscale del cittadino, id organizzazione o richiesta',
  })
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'Identificativo non valido' })
  entityId!: string;

  @ApiPropertyOptional({
    example: 'TN',
    description: 'Solo operatori e servizi: provincia o CPI di competenza (visibilità per gli operatori)',
  })
  @IsOptional()
  @IsString()
  @Matches(TERRITORY_PATTERN, { message: 'Territorio non valido' })
  territory?: string;

  @ApiPropertyOptional({ description: 'Solo per i servizi: codice fiscale del titolare del documento' })
  @IsOptional()
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'Titolare non valido' })
  ownerId?: string;
}

/** OpenAPI shape of the whole form. */
export const UPLOAD_DOCUMENT_SCHEMA = {
  type: 'object',
  required: ['kind', 'entityType', 'entityId', 'file'],
  properties: {
    kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
    entityType: { type: 'string', enum: [...DOCUMENT_ENTITY_TYPES] },
    entityId: { type: 'string' },
    territory: { type: 'string', description: 'solo operatori e servizi' },
    ownerId: { type: 'string', description: 'solo per i servizi' },
    file: { type: 'string', format: 'binary', description: 'il file, dopo i campi di testo' },
  },
};
