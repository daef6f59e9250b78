import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { VERIFICATION_KINDS, VERIFICATION_STATES } from '../domain/verification-request.machine.js';
import { SIGLA, UpperCode } from './fields.js';

export class QueueQuery {
  @ApiPropertyOptional({ enum: VERIFICATION_KINDS })
  @IsOptional()
  @IsIn(VERIFICATION_KINDS, { message: 'Tipo di richiesta non previsto' })
  kind?: (typeof VERIFICATION_KINDS)[number];

  @ApiPropertyOptional({ enum: VERIFICATION_STATES, description: 'Default: le richieste da lavorare' })
  @IsOptional()
  @IsIn(VERIFICATION_STATES, { message: 'Stato non previsto' })
  state?: (typeof VERIFICATION_STATES)[number];

  @ApiPropertyOptional({ example: 'TN', description: 'Provincia (nel territorio di competenza)' })
  @IsOptional()
  @UpperCode()
  @Matches(SIGLA, { message: 'Provincia non valida' })
  provincia?: string;

  @ApiPropertyOptional({ description: 'In attesa da almeno tanti giorni' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'Numero di giorni non valido' })
  @Min(0)
  @Max(3650)
  olderThanDays?: number;

  @ApiPropertyOptional({ description: 'Solo le richieste in ritardo' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'Valore non valido' })
  late?: 'true' | 'false';
}
