import { ApiProperty } from '@nestjs/swagger';
import type { SessionResolveResponse } from '@profila/contracts';
import type { Session } from '../session.entity.js';

/** `POST /sessions/:id/resolve` (contract in @profila/contracts). */
export class SessionResolveResponseDto implements SessionResolveResponse {
  @ApiProperty({ example: 'RSSMRA80A01H501U' })
  codiceFiscale!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Organisation the citizen acts for; null: personal' })
  actingFor!: string | null;

  @ApiProperty({ description: "SHA-256 (hex) of the session's CSRF token" })
  csrfTokenSha256!: string;

  static of(session: Session): SessionResolveResponseDto {
    return {
      codiceFiscale: session.codiceFiscale,
      actingFor: session.actingFor,
      csrfTokenSha256: session.csrfTokenSha256,
    };
  }
}
