import { AuditEntry } from '@profila/audit';
import { AssociationRequest } from '../associations/association-request.entity.js';
import { Association } from '../associations/association.entity.js';
import { LegacyAccount } from '../legacy-import/legacy-account.entity.js';
import { LegacyClaimAttempt } from '../legacy-import/legacy-claim-attempt.entity.js';
import { LegacyImportBatch } from '../legacy-import/legacy-import-batch.entity.js';
import { LegacyImportFirst } from '../legacy-import/legacy-import-first.entity.js';
import { LegacyImportReject } from '../legacy-import/legacy-import-reject.entity.js';
import { LegacyImportRun } from '../legacy-import/legacy-import-run.entity.js';
import { LegacyPersonLink } from '../legacy-import/legacy-person-link.entity.js';
import { LegacyPerson } from '../legacy-import/legacy-person.entity.js';
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
  LegacyAccount,
  LegacyPerson,
  LegacyPersonLink,
  LegacyImportRun,
  LegacyImportBatch,
  LegacyImportFirst,
  LegacyImportReject,
  LegacyClaimAttempt,
];
