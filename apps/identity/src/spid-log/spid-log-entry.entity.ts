import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type SpidLogOutcome = 'success' | 'refused' | 'error';

/**
 * One row of the SPID register (Regole tecniche: AuthnRequest / Response pairs kept 24 months). A message that
 * matches no request of ours keeps only its size, its SHA-256 and its first bytes (`responseTruncated`).
 */
@Entity('spid_log')
export class SpidLogEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'response_id', type: 'text', nullable: true })
  responseId!: string | null;

  @Column({ name: 'request_issue_instant', type: 'timestamptz', nullable: true })
  requestIssueInstant!: Date | null;

  @Column({ name: 'response_issue_instant', type: 'timestamptz', nullable: true })
  responseIssueInstant!: Date | null;

  @Column({ type: 'text', nullable: true })
  idp!: string | null;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16, nullable: true })
  codiceFiscale!: string | null;

  @Column({ type: 'text', nullable: true })
  level!: string | null;

  @Column({ type: 'text' })
  outcome!: SpidLogOutcome;

  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode!: string | null;

  @Column({ name: 'error_reason', type: 'text', nullable: true })
  errorReason!: string | null;

  @Column({ name: 'request_xml', type: 'text', nullable: true })
  requestXml!: string | null;

  @Column({ name: 'response_xml', type: 'text', nullable: true })
  responseXml!: string | null;

  @Column({ name: 'client_ip', type: 'text', nullable: true })
  clientIp!: string | null;

  /** SHA-256 (hex) of the posted SAMLResponse value, whatever it was. */
  @Column({ name: 'response_sha256', type: 'text', nullable: true })
  responseSha256!: string | null;

  /** Characters of the posted SAMLResponse value. */
  @Column({ name: 'response_size', type: 'integer', nullable: true })
  responseSize!: number | null;

  /** True when `responseXml` holds only the first bytes of the message (or nothing). */
  @Column({ name: 'response_truncated', type: 'boolean', default: false })
  responseTruncated!: boolean;

  /** Bytes of message text this row stores (the per-client budget counts them). */
  @Column({ name: 'stored_bytes', type: 'integer', default: 0 })
  storedBytes!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
