import { IsOptional, IsString, MaxLength } from 'class-validator';

/** HTTP-POST binding form: a SAML message and its RelayState. */
export class SamlPostDto {
  @IsOptional()
  @IsString()
  @MaxLength(700_000)
  SAMLRequest?: string;

  @IsOptional()
  @IsString()
  @MaxLength(700_000)
  SAMLResponse?: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  RelayState?: string;
}
