import { ApiProperty } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

/** Test-only session for a citizen (disabled in production). */
export class CreateTestSessionDto {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  @Matches(/^[A-Z0-9]{16}$/)
  codiceFiscale!: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  nome?: string;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  cognome?: string;
}
