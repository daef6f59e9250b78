import { Global, Module } from '@nestjs/common';
import { AuditTrail } from '@profila/audit';
import { AssociationRepository } from '../associations/association.repository.js';
import { MembershipRepository } from '../memberships/membership.repository.js';
import { OrganizationRepository } from '../organizations/organization.repository.js';
import { UnitRepository } from '../units/unit.repository.js';
import { OrganizationAccess } from './organization-access.js';

const SHARED = [
  OrganizationRepository,
  UnitRepository,
  MembershipRepository,
  AssociationRepository,
  OrganizationAccess,
  AuditTrail,
];

/** The repositories, the access rules and the audit writer every feature composes in its transactions. */
@Global()
@Module({ providers: SHARED, exports: SHARED })
export class RegistryCommonModule {}
