import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListMailsQuery {
  @ApiPropertyOptional({ description: 'Only the mails to this address', example: 'mario.rossi@example.it' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  recipient?: string;
}
