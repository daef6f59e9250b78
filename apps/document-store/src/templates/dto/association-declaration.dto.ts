import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { DeclarantDto, OrganizationDto } from './template-subjects.dto.js';

export class AssociationDeclarationDto {
  @ApiProperty({ type: DeclarantDto, description: 'Il dichiarante (il codice fiscale è quello dell’accesso)' })
  @ValidateNested()
  @Type(() => DeclarantDto)
  citizen!: DeclarantDto;

  @ApiProperty({ type: OrganizationDto })
  @ValidateNested()
  @Type(() => OrganizationDto)
  organization!: OrganizationDto;

  @ApiPropertyOptional({ example: 'Servizi Lavoro', description: 'Nome del portale stampato in testata' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  portal?: string;
}
