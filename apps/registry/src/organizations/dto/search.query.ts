import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { Trim } from './fields.js';

export class SearchOrganizationsQuery {
  @ApiProperty({ description: 'Almeno 3 caratteri della ragione sociale, o un codice fiscale', example: 'PROVA' })
  @Trim()
  @IsString({ message: 'Inserire almeno 3 caratteri della ragione sociale o il codice fiscale' })
  @Length(3, 100, { message: 'Inserire almeno 3 caratteri della ragione sociale o il codice fiscale' })
  q!: string;

  @ApiPropertyOptional({ enum: ['italiane', 'estere'], description: 'Tipo profilo: Aziende italiane / estere' })
  @IsOptional()
  @IsIn(['italiane', 'estere'], { message: 'Tipo profilo non previsto' })
  tipo?: 'italiane' | 'estere';
}
