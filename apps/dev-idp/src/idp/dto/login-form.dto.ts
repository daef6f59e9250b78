import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

/** The login page's form. */
export class LoginFormDto {
  @IsString()
  @MaxLength(64)
  pending!: string;

  @IsIn(['login', 'cancel'])
  outcome!: 'login' | 'cancel';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  citizen?: string;

  @IsOptional()
  @IsString()
  @MaxLength(32)
  fiscalNumber?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  familyName?: string;

  @IsOptional()
  @IsIn(['L1', 'L2', 'L3'])
  level?: 'L1' | 'L2' | 'L3';

  @IsOptional()
  @IsString()
  @MaxLength(3)
  anomaly?: string;
}
