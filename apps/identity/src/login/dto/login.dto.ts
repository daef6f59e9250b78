import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IDP_KINDS, type IdpKind } from '../../saml/index.js';

/** `GET /idps?kind=` */
export class IdpsQueryDto {
  @ApiProperty({ required: false, enum: IDP_KINDS })
  @IsOptional()
  @IsIn(IDP_KINDS)
  kind?: IdpKind;
}

/** An identity provider of the chooser page. */
export class ListedIdpResponse {
  @ApiProperty()
  entityId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: IDP_KINDS })
  kind!: IdpKind;

  @ApiProperty({ required: false, description: 'Il Dev IdP: identità di prova, mai reali' })
  test?: boolean;
}

/** `GET /login?kind=&idp=&level=&returnTo=` */
export class LoginQueryDto {
  @ApiProperty({ required: false, enum: IDP_KINDS })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  kind?: string;

  @ApiProperty({ required: false, description: "entityID del gestore dell'identità digitale" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  idp?: string;

  @ApiProperty({ required: false, enum: ['1', '2', '3'] })
  @IsOptional()
  @IsString()
  @MaxLength(2)
  level?: string;

  @ApiProperty({ required: false, example: '/area-riservata' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

/** `POST /logout`: where the browser goes next (the IdP's single logout, or the logged-out page). */
export class LogoutResponseDto {
  @ApiProperty()
  redirectUrl!: string;
}

/** What an IdP posts to the ACS (HTTP-POST binding). */
export class AcsPostDto {
  @IsOptional()
  @IsString()
  SAMLResponse?: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  RelayState?: string;
}

/** What an IdP posts to the SLO endpoint (HTTP-POST binding): a LogoutRequest or the answer to ours. */
export class SloPostDto {
  @IsOptional()
  @IsString()
  SAMLRequest?: string;

  @IsOptional()
  @IsString()
  SAMLResponse?: string;

  @IsOptional()
  @IsString()
  @MaxLength(80)
  RelayState?: string;
}
