import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A citizen's login session (ADR 0008): the cookie carries `id`; identity checks it on every gateway resolution. */
@Entity('session')
export class Session {
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  /** entityID of the IdP of the login. */
  @Column({ type: 'text' })
  idp!: string;

  @Column({ name: 'idp_kind', type: 'text' })
  idpKind!: string;

  @Column({ name: 'spid_level', type: 'text' })
  spidLevel!: string;

  // NameID and SessionIndex of the login, for single logout.
  @Column({ name: 'name_id', type: 'text' })
  nameId!: string;

  @Column({ name: 'name_qualifier', type: 'text' })
  nameQualifier!: string;

  @Column({ name: 'session_index', type: 'text', nullable: true })
  sessionIndex!: string | null;

  /** The organisation the citizen acts for ("Selezione tipologia di utente"); null = personal account. */
  @Column({ name: 'acting_for', type: 'text', nullable: true })
  actingFor!: string | null;

  @Column({ name: 'acting_for_ragione_sociale', type: 'text', nullable: true })
  actingForRagioneSociale!: string | null;

  @Column({ name: 'acting_for_codice_fiscale', type: 'text', nullable: true })
  actingForCodiceFiscale!: string | null;

  /** SHA-256 (hex) of the session's CSRF token: the gateway checks the header's token against it. */
  @Column({ name: 'csrf_token_sha256', type: 'text', default: '' })
  csrfTokenSha256!: string;

  /** Our SP-initiated LogoutRequest, to recognise the IdP's answer. */
  @Column({ name: 'logout_request_id', type: 'text', nullable: true })
  logoutRequestId!: string | null;

  @Column({ name: 'logout_relay_state', type: 'text', nullable: true })
  logoutRelayState!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** logout, idp-logout, idle, absolute. */
  @Column({ name: 'end_reason', type: 'text', nullable: true })
  endReason!: string | null;
}
