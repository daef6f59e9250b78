import { Controller, Get, Header } from '@nestjs/common';
import { AccessTokenIssuer, Public } from '@profila/platform';

/** The public key set services verify access tokens with. */
@Public()
@Controller('.well-known')
export class JwksController {
  constructor(private readonly issuer: AccessTokenIssuer) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  jwks() {
    return this.issuer.jwks;
  }
}
