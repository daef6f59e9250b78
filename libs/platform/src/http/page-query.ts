import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';

/** "Visualizza N elementi" of the portal's tables, as in the manuals. */
export const PAGE_SIZES = [10, 25, 50, 100];

/** The page of a paged list (`pagina`, `elementi`): each list's query DTO extends it with its own filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Pagina non valida' })
  @Min(1, { message: 'Pagina non valida' })
  pagina?: number;

  @ApiPropertyOptional({ enum: PAGE_SIZES, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsIn(PAGE_SIZES, { message: 'Elementi per pagina: 10, 25, 50 o 100' })
  elementi?: number;
}
