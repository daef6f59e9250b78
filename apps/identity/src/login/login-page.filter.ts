import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainException } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { SamlValidationError } from '../saml/index.js';
import { errorPage } from './error-page.js';

/** The browser-facing login endpoints answer every refusal with the Italian page, never with JSON. */
@Injectable()
@Catch(DomainException, SamlValidationError)
export class LoginPageFilter implements ExceptionFilter<DomainException<string> | SamlValidationError> {
  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  catch(exception: DomainException<string> | SamlValidationError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void sendErrorPage(reply, this.env, exception.httpStatus(), exception.code, exception.message);
  }
}

export async function sendErrorPage(
  reply: FastifyReply,
  env: IdentityEnv,
  status: number,
  code: string,
  message: string,
  title?: string,
): Promise<void> {
  await reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(errorPage({ code, message, portalUrl: env.PUBLIC_URL, title }));
}
