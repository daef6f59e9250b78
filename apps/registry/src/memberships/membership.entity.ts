import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MembershipKind, MembershipScope, Role } from '../common/roles.js';

/**
 * Who may act for an organisation: its amministratore (from the association, every role) or a collaborator of the
 * organigram (roles per service, whole organisation or some units). Keyed by codice fiscale: a collaborator who has
 * never logged in gets the role at their first login. Revoked rows stay for the history.
 */
@Entity('membership')
export class Membership {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'codice_fiscale', type: 'varchar', length: 16 })
  codiceFiscale!: string;

  @Column({ type: 'text', nullable: true })
  nome!: string | null;

  @Column({ type: 'text', nullable: true })
  cognome!: string | null;

  @Column({ name: 'data_nascita', type: 'date', nullable: true })
  dataNascita!: string | null;

  @Column({ name: 'luogo_nascita', type: 'char', length: 4, nullable: true })
  luogoNascita!: string | null;

  @Column({ type: 'text' })
  kind!: MembershipKind;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text' })
  scope!: MembershipScope;

  @Column({ name: 'valid_from', type: 'date' })
  validFrom!: string;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
