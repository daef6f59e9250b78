import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Actor, CommonErrorCode, CommonException } from '@profila/platform';
import { Membership } from '../memberships/membership.entity.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import { Organization } from '../organizations/organization.entity.js';
import { OrganizationRepository } from '../organizations/organization.repository.js';
import { isCurrent, mayEdit } from './membership-rules.js';
import { RegistryAccessException, RegistryAccessExceptionCode } from './registry-access.exception.js';

export interface OrganizationGrant {
  organization: Organization;
  /** The caller's membership; null for a service caller. */
  membership: Membership | null;
  /** The units the membership covers (empty with scope `organization`). */
  unitIds: string[];
}

/**
 * Who may see and change an organisation (part 5 of the issue): only those with a current membership may see it
 * (anyone else gets 404, whether it exists or not), and only the amministratore or an ANAGRAFICA collaborator in
 * scope may change it. A caller acting for another organisation is a stranger here.
 */
@Injectable()
export class OrganizationAccess {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async read(manager: EntityManager, actor: Actor, organizationId: string, lock = false): Promise<OrganizationGrant> {
    const organization = lock
      ? await this.organizations.lockById(manager, organizationId)
      : await this.organizations.findById(manager, organizationId);
    if (!organization) throw notFound();
    if (actor.kind === 'service') return { organization, membership: null, unitIds: [] };
    if (actor.kind !== 'citizen' || (actor.actingFor && actor.actingFor !== organizationId)) throw notFound();
    const membership = await this.memberships.activeOf(manager, organizationId, actor.id);
    if (!membership || !isCurrent(membership, new Date())) throw notFound();
    const unitIds = membership.scope === 'units' ? await this.memberships.unitIdsOf(manager, membership.id) : [];
    return { organization, membership, unitIds };
  }

  /**
   * Changes: the amministratore, or an ANAGRAFICA collaborator whose scope covers `unitIds` (the whole organisation
   * when none are given).
   */
  async edit(
    manager: EntityManager,
    actor: Actor,
    organizationId: string,
    unitIds: string[] = [],
    lock = false,
  ): Promise<OrganizationGrant> {
    const grant = await this.read(manager, actor, organizationId, lock);
    if (grant.membership && !mayEdit(grant.membership, grant.unitIds, unitIds)) {
      throw new CommonException(
        CommonErrorCode.FORBIDDEN,
        "Operazione riservata all'amministratore o a chi ha il ruolo ANAGRAFICA su questa struttura.",
      );
    }
    return grant;
  }

  /** Units, organigram: locked until the rappresentante legale is saved. */
  async assertLegalRepresentative(manager: EntityManager, organizationId: string): Promise<void> {
    if (!(await this.organizations.findLegalRepresentative(manager, organizationId))) {
      throw new RegistryAccessException(
        RegistryAccessExceptionCode.LEGAL_REPRESENTATIVE_REQUIRED,
        'Salvare prima i dati del rappresentante legale in «Dati azienda».',
      );
    }
  }
}

function notFound(): CommonException {
  return new CommonException(CommonErrorCode.NOT_FOUND, 'Organizzazione non trovata');
}
