import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { AmministratoreDto, LegaleRappresentanteDto, OrganizationDto } from './template-subjects.dto.js';

export class DelegaTemplateDto {
  @ApiProperty({ type: OrganizationDto })
  @ValidateNested()
  @Type(() => OrganizationDto)
  organization!: OrganizationDto;

  @ApiProperty({ type: AmministratoreDto })
  @ValidateNested()
  @Type(() => AmministratoreDto)
  amministratore!: AmministratoreDto;

  @ApiPropertyOptional({ type: LegaleRappresentanteDto, description: 'Se noto; altrimenti spazi da compilare a mano' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LegaleRappresentanteDto)
  legaleRappresentante?: LegaleRappresentanteDto;

  @ApiPropertyOptional({ example: 'Portale Trentino Lavoro' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  portal?: string;
}

export class BlankDelegaQuery {
  @ApiPropertyOptional({ example: 'Portale Trentino Lavoro' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  portal?: string;
}
