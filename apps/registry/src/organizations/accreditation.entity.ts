import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TipoSoggettoAbilitato } from '../domain/organization-kind.js';

/** A SARE accreditation type (tipo soggetto abilitato) of an organisation; legacy ones are read-only. */
@Entity('organization_accreditation')
export class OrganizationAccreditation {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ type: 'text' })
  tipo!: TipoSoggettoAbilitato;

  /** dichiarato: given at registration or by the amministratore; legacy: from a migrated account. */
  @Column({ type: 'text' })
  source!: 'dichiarato' | 'legacy';
}
