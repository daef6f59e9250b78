import { AuditEntry } from '@profila/audit';
import { AssociationRequest } from '../associations/association-request.entity.js';
import { Association } from '../associations/association.entity.js';
import { MembershipUnit } from '../memberships/membership-unit.entity.js';
import { Membership } from '../memberships/membership.entity.js';
import { OrganizationAccreditation } from '../organizations/accreditation.entity.js';
import { LegalRepresentative } from '../organizations/legal-representative.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import { OperatingUnit } from '../units/operating-unit.entity.js';
import { RaaProfile } from '../verifications/raa-profile.entity.js';

export const REGISTRY_ENTITIES: Array<new () => unknown> = [
  AuditEntry,
  Organization,
  LegalRepresentative,
  OrganizationAccreditation,
  OperatingUnit,
  Membership,
  MembershipUnit,
  AssociationRequest,
  Association,
  RaaProfile,
];
