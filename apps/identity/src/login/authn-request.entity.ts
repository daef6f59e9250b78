import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AuthnComparison, IdpKind, SpidLevel } from '../saml/index.js';

/** An AuthnRequest we sent and its Response has not (yet) answered; consumed once (ADR 0007). */
@Entity('authn_request')
export class AuthnRequestEntity {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  /** entityID of the IdP asked: the only one allowed to answer. */
  @Column({ type: 'text' })
  idp!: string;

  @Column({ name: 'idp_kind', type: 'text' })
  idpKind!: IdpKind;

  @Column({ type: 'text' })
  level!: SpidLevel;

  @Column({ type: 'text' })
  comparison!: AuthnComparison;

  @Column({ name: 'relay_state', type: 'text', nullable: true })
  relayState!: string | null;

  /** Where the citizen goes after the login (a same-origin path). */
  @Column({ name: 'return_to', type: 'text' })
  returnTo!: string;

  /** The AuthnRequest as sent (unsigned XML): it goes to the SPID register with its Response. */
  @Column({ name: 'request_xml', type: 'text' })
  requestXml!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt!: Date | null;

  /** Address of the client that started the login (bounds anonymous growth per client). */
  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp!: string | null;

  /** SHA-256 (hex) of the login cookie of the browser that started the login: only that browser may finish it. */
  @Column({ name: 'browser_binding_sha256', type: 'text', nullable: true })
  browserBindingSha256!: string | null;
}
