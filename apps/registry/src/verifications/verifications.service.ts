import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditTrail } from '@profila/audit';
import type { EventOf, VerificationRequestV1 } from '@profila/contracts';
import { OutboxService } from '@profila/messaging';
import { CommonErrorCode, CommonException } from '@profila/platform';
import { today } from '../common/membership-rules.js';
import { ROLES } from '../common/roles.js';
import { membershipPayload } from '../memberships/membership-payload.js';
import type { Membership } from '../memberships/membership.entity.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import { organizationPayload } from '../organizations/organization-payload.js';
import type { Organization } from '../organizations/organization.entity.js';
import { OrganizationRepository } from '../organizations/organization.repository.js';
import { ReferenceDataService } from '../reference-data/reference-data.service.js';
import type { RaaProfileResponse, VerificationOrganizationResponse } from './dto/verification.dto.js';
import { VerificationRepository } from './verification.repository.js';

/**
 * The registry's side of admin verification: the organisation data a request needs, the one-PA-per-person check,
 * and the grants an approval makes (`verification-request.approved`): the amministratore membership, the
 * Responsabile unico of a PA (with the amministratore membership of the PA), the RAA profile.
 */
@Injectable()
export class VerificationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organizations: OrganizationRepository,
    private readonly memberships: MembershipRepository,
    private readonly verifications: VerificationRepository,
    private readonly reference: ReferenceDataService,
    private readonly audit: AuditTrail,
    private readonly outbox: OutboxService,
  ) {}

  async organization(id: string): Promise<VerificationOrganizationResponse> {
    return toOrganization(await this.organizations.findById(this.dataSource.manager, id));
  }

  async organizationByCf(codiceFiscale: string): Promise<VerificationOrganizationResponse> {
    return toOrganization(await this.organizations.findByCodiceFiscale(this.dataSource.manager, codiceFiscale));
  }

  /** The PA the person is Responsabile unico of (404 when none). */
  async responsabileOf(codiceFiscale: string): Promise<VerificationOrganizationResponse> {
    return toOrganization(await this.verifications.responsabileOf(this.dataSource.manager, codiceFiscale));
  }

  async raaProfile(codiceFiscale: string): Promise<RaaProfileResponse> {
    const profile = await this.verifications.findRaaProfile(this.dataSource.manager, codiceFiscale);
    if (!profile || profile.revokedAt) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Profilo RAA non trovato');
    return {
      codiceFiscale: profile.codiceFiscale,
      professione: profile.professione,
      enabledAt: profile.enabledAt.toISOString(),
    };
  }

  /**
   * A Responsabile unico who changes administration: the operator ends the old role (Lavoro Pubblico FAQ 9), so
   * that the person can be verified for the new PA. Their amministratore membership of the old PA ends too.
   */
  async endResponsabile(codiceFiscale: string): Promise<VerificationOrganizationResponse> {
    return this.dataSource.transaction(async (tx) => {
      const found = await this.verifications.responsabileOf(tx, codiceFiscale);
      if (!found) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Responsabile unico non trovato');
      const organization = (await this.organizations.lockById(tx, found.id))!;
      const now = new Date();
      await this.verifications.setResponsabile(tx, organization.id, null, now);
      organization.responsabileUnicoCf = null;
      organization.updatedAt = now;
      const membership = await this.memberships.activeOf(tx, organization.id, codiceFiscale);
      if (membership?.kind === 'amministratore') {
        await this.memberships.revoke(tx, membership, now);
        await this.outbox.add(
          tx,
          'membership.revoked',
          organization.id,
          membershipPayload(organization, membership, []),
        );
      }
      await this.audit.record(tx, {
        action: 'organization.responsabile-unico-ended',
        subject: { type: 'organization', id: organization.id },
        data: { codiceFiscale },
      });
      await this.emitOrganizationUpdated(tx, organization);
      return toOrganization(organization);
    });
  }

  /** `verification-request.approved`, in the delivery's transaction (the inbox makes it once per event). */
  async grant(manager: EntityManager, event: EventOf<'verification-request.approved'>): Promise<void> {
    const request = event.data;
    switch (request.kind) {
      case 'amministratore':
        await this.grantAmministratore(manager, request);
        return;
      case 'responsabile-unico':
        await this.grantResponsabile(manager, request);
        return;
      case 'raa':
        await this.grantRaa(manager, request);
        return;
    }
  }

  private async grantAmministratore(manager: EntityManager, request: VerificationRequestV1): Promise<void> {
    const organization = await this.requireOrganization(manager, request);
    await this.makeAmministratore(manager, organization, request);
  }

  private async grantResponsabile(manager: EntityManager, request: VerificationRequestV1): Promise<void> {
    const organization = await this.requireOrganization(manager, request);
    const cf = request.person.codiceFiscale;
    const holder = await this.verifications.responsabileOf(manager, cf);
    if (holder && holder.id !== organization.id) {
      // admin-verification checks it before approving; a race lands here and parks the event for an operator.
      throw new Error(`${cf} is already Responsabile unico of ${holder.id}`);
    }
    const now = new Date();
    if (organization.responsabileUnicoCf !== cf) {
      await this.verifications.setResponsabile(manager, organization.id, cf, now);
      organization.responsabileUnicoCf = cf;
      organization.updatedAt = now;
      await this.audit.record(manager, {
        action: 'organization.responsabile-unico-verified',
        subject: { type: 'organization', id: organization.id },
        data: { codiceFiscale: cf, requestId: request.requestId },
      });
      await this.emitOrganizationUpdated(manager, organization);
    }
    await this.makeAmministratore(manager, organization, request);
  }

  private async grantRaa(manager: EntityManager, request: VerificationRequestV1): Promise<void> {
    const p = request.person;
    await this.verifications.saveRaaProfile(manager, {
      codiceFiscale: p.codiceFiscale,
      nome: p.nome,
      cognome: p.cognome,
      email: p.email,
      pec: p.pec ?? '',
      professione: request.professione ?? '',
      requestId: request.requestId,
      enabledAt: new Date(),
      revokedAt: null,
    });
    await this.audit.record(manager, {
      action: 'raa-profile.enabled',
      subject: { type: 'raa-profile', id: p.codiceFiscale },
      data: { requestId: request.requestId, professione: request.professione },
    });
  }

  /** The verified person becomes the amministratore (every role); a previous amministratore's grant ends. */
  private async makeAmministratore(
    manager: EntityManager,
    organization: Organization,
    request: VerificationRequestV1,
  ): Promise<void> {
    const p = request.person;
    const now = new Date();
    const current = await this.memberships.currentAmministratore(manager, organization.id);
    if (current?.codiceFiscale === p.codiceFiscale) return;
    for (const previous of [current, await this.memberships.activeOf(manager, organization.id, p.codiceFiscale)]) {
      if (!previous) continue;
      const units = await this.memberships.unitIdsOf(manager, previous.id);
      await this.memberships.revoke(manager, previous, now);
      await this.outbox.add(
        manager,
        'membership.revoked',
        organization.id,
        membershipPayload(organization, previous, units),
      );
    }
    const membership: Membership = {
      id: randomUUID(),
      organizationId: organization.id,
      codiceFiscale: p.codiceFiscale,
      nome: p.nome,
      cognome: p.cognome,
      dataNascita: p.dataNascita,
      luogoNascita: p.luogoNascita,
      kind: 'amministratore',
      roles: [...ROLES],
      scope: 'organization',
      validFrom: today(now),
      validTo: null,
      revokedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await this.memberships.insert(manager, membership, []);
    await this.audit.record(manager, {
      action: 'organization.amministratore-verified',
      subject: { type: 'organization', id: organization.id },
      data: { codiceFiscale: p.codiceFiscale, requestId: request.requestId, previous: current?.codiceFiscale ?? null },
    });
    await this.outbox.add(
      manager,
      'membership.granted',
      organization.id,
      membershipPayload(organization, membership, []),
    );
  }

  private async requireOrganization(manager: EntityManager, request: VerificationRequestV1): Promise<Organization> {
    const id = request.organization?.organizationId;
    const organization = id ? await this.organizations.lockById(manager, id) : null;
    if (!organization)
      throw new Error(`verification ${request.requestId}: organisation ${id ?? '-'} not in the registry`);
    return organization;
  }

  private async emitOrganizationUpdated(manager: EntityManager, organization: Organization): Promise<void> {
    const accreditations = await this.organizations.accreditationsOf(manager, organization.id);
    await this.outbox.add(
      manager,
      'organization.updated',
      organization.id,
      organizationPayload(this.reference.places, organization, accreditations),
    );
  }
}

function toOrganization(o: Organization | null): VerificationOrganizationResponse {
  if (!o) throw new CommonException(CommonErrorCode.NOT_FOUND, 'Organizzazione non trovata');
  return {
    organizationId: o.id,
    kind: o.kind,
    codiceFiscale: o.codiceFiscale,
    ragioneSociale: o.ragioneSociale,
    sedeComune: o.sedeComune,
    sedeProvincia: o.sedeProvincia,
    responsabileUnicoCf: o.responsabileUnicoCf,
  };
}
