import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { DOCUMENT_ENTITY_TYPES, type DocumentEntityType } from '../domain/document-entity.js';
import { ENTITY_ID_PATTERN } from './upload-document.dto.js';

export class ListDocumentsQuery {
  @ApiProperty({ enum: DOCUMENT_ENTITY_TYPES })
  @IsIn(DOCUMENT_ENTITY_TYPES, { message: `Entità non ammessa: una tra ${DOCUMENT_ENTITY_TYPES.join(', ')}` })
  entityType!: DocumentEntityType;

  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  @IsString()
  @Matches(ENTITY_ID_PATTERN, { message: 'Identificativo non valido' })
  entityId!: string;

  @ApiPropertyOptional({ description: 'Anche le versioni sostituite (default: solo i documenti attivi)' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  history?: boolean;
}
