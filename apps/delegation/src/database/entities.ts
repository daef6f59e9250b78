import { AuditEntry } from '@profila/audit';
import { AccessRight } from '../access-rights/access-right.entity.js';
import { KnownCitizen } from '../citizens/known-citizen.entity.js';
import { DelegationRequest } from '../delegations/delegation-request.entity.js';
import { Delegation } from '../delegations/delegation.entity.js';
import { OrganizationRef } from '../organizations/organization-ref.entity.js';

export const DELEGATION_ENTITIES = [
  KnownCitizen,
  AccessRight,
  AuditEntry,
  OrganizationRef,
  Delegation,
  DelegationRequest,
];
