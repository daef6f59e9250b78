import type { EventEnvelope } from '../envelope.js';
import type { EventDefinition } from '../event-definition.js';
import {
  VerificationRequestApprovedV1,
  VerificationRequestExpiredV1,
  VerificationRequestIntegrationRequestedV1,
  VerificationRequestPecConfirmationRequestedV1,
  VerificationRequestRejectedV1,
  VerificationRequestResubmittedV1,
  VerificationRequestSubmittedV1,
  VerificationRequestTakenV1,
  VerificationRequestUpdatedV1,
  type VerificationRequestV1,
} from './admin-verification/verification-request.v1.js';
import { AccessExpiredV1, AccessGrantedV1, type AccessGrantV1, AccessRevokedV1 } from './delegation/access.v1.js';
import {
  DelegationAcceptedV1,
  DelegationExpiredV1,
  DelegationExpiringV1,
  DelegationModifiedV1,
  DelegationRefusedV1,
  DelegationRequestedV1,
  DelegationRevokedV1,
  type DelegationV1,
} from './delegation/delegation.v1.js';
import { DocumentDeletedV1, DocumentStoredV1, type DocumentV1 } from './document-store/document.v1.js';
import { CitizenRegisteredV1, CitizenUpdatedV1, type CitizenV1 } from './identity/citizen.v1.js';
import {
  MembershipChangedV1,
  MembershipGrantedV1,
  MembershipRevokedV1,
  type MembershipV1,
} from './registry/membership.v1.js';
import {
  OrganizationAssociatedV1,
  OrganizationAssociationRevokedV1,
  OrganizationRegisteredV1,
  OrganizationUpdatedV1,
  type OrganizationV1,
} from './registry/organization.v1.js';
import { EmploymentCommunicatedV1, type EmploymentV1 } from './cob/employment.v1.js';
import {
  RaaRequestAnsweredV1,
  RaaRequestRefusedV1,
  RaaRequestSubmittedV1,
  type RaaRequestV1,
} from './raa/raa-request.v1.js';
import { UnitCreatedV1, UnitDeletedV1, UnitUpdatedV1, type UnitV1 } from './registry/unit.v1.js';

/**
 * Every event type Profila publishes, with its payload type. Adding an event: a definition file under
 * events/<service>/, one line in EVENT_CATALOG and one in EventDataMap (the compiler checks that the two agree).
 */
export const EVENT_CATALOG = [
  CitizenRegisteredV1,
  CitizenUpdatedV1,
  DocumentStoredV1,
  DocumentDeletedV1,
  OrganizationRegisteredV1,
  OrganizationUpdatedV1,
  OrganizationAssociatedV1,
  OrganizationAssociationRevokedV1,
  UnitCreatedV1,
  UnitUpdatedV1,
  UnitDeletedV1,
  MembershipGrantedV1,
  MembershipChangedV1,
  MembershipRevokedV1,
  VerificationRequestSubmittedV1,
  VerificationRequestPecConfirmationRequestedV1,
  VerificationRequestUpdatedV1,
  VerificationRequestTakenV1,
  VerificationRequestApprovedV1,
  VerificationRequestRejectedV1,
  VerificationRequestIntegrationRequestedV1,
  VerificationRequestResubmittedV1,
  VerificationRequestExpiredV1,
  DelegationRequestedV1,
  DelegationAcceptedV1,
  DelegationRefusedV1,
  DelegationModifiedV1,
  DelegationRevokedV1,
  DelegationExpiringV1,
  DelegationExpiredV1,
  AccessGrantedV1,
  AccessRevokedV1,
  AccessExpiredV1,
  RaaRequestSubmittedV1,
  RaaRequestAnsweredV1,
  RaaRequestRefusedV1,
  EmploymentCommunicatedV1,
] as const satisfies readonly EventDefinition[];

/** Payload type of each event type: the typed event map. */
export interface EventDataMap {
  'citizen.registered': CitizenV1;
  'citizen.updated': CitizenV1;
  'document.stored': DocumentV1;
  'document.deleted': DocumentV1;
  'organization.registered': OrganizationV1;
  'organization.updated': OrganizationV1;
  'organization.associated': OrganizationV1;
  'organization.association-revoked': OrganizationV1;
  'unit.created': UnitV1;
  'unit.updated': UnitV1;
  'unit.deleted': UnitV1;
  'membership.granted': MembershipV1;
  'membership.changed': MembershipV1;
  'membership.revoked': MembershipV1;
  'verification-request.submitted': VerificationRequestV1;
  'verification-request.pec-confirmation-requested': VerificationRequestV1;
  'verification-request.updated': VerificationRequestV1;
  'verification-request.taken': VerificationRequestV1;
  'verification-request.approved': VerificationRequestV1;
  'verification-request.rejected': VerificationRequestV1;
  'verification-request.integration-requested': VerificationRequestV1;
  'verification-request.resubmitted': VerificationRequestV1;
  'verification-request.expired': VerificationRequestV1;
  'delegation.requested': DelegationV1;
  'delegation.accepted': DelegationV1;
  'delegation.refused': DelegationV1;
  'delegation.modified': DelegationV1;
  'delegation.revoked': DelegationV1;
  'delegation.expiring': DelegationV1;
  'delegation.expired': DelegationV1;
  'access.granted': AccessGrantV1;
  'access.revoked': AccessGrantV1;
  'access.expired': AccessGrantV1;
  'raa-request.submitted': RaaRequestV1;
  'raa-request.answered': RaaRequestV1;
  'raa-request.refused': RaaRequestV1;
  'employment.communicated': EmploymentV1;
}

export type EventType = keyof EventDataMap;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when EVENT_CATALOG and EventDataMap do not list the same event types. */
export const CATALOG_MATCHES_EVENT_MAP: Same<(typeof EVENT_CATALOG)[number]['type'], EventType> = true;

/**
 * The envelope of an event type, its `data` typed by the type: `EventOf<'citizen.registered'>`. A union of types
 * gives a union discriminated on `type` (`EventOf<'citizen.registered' | 'citizen.updated'>`).
 */
export type EventOf<T extends EventType> = { [K in T]: EventEnvelope<K, EventDataMap[K]> }[T];

/** The typed event map: event type → its envelope (what a handler of that type receives). */
export type EventMap = { [K in EventType]: EventOf<K> };

export function eventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((d) => d.type === type);
}

export function isEventType(type: string): type is EventType {
  return eventDefinition(type) !== undefined;
}

/** The topic an event type is published on (its aggregate's versioned topic). */
export function topicOf(type: EventType): string {
  return eventDefinition(type)!.topic;
}

/** All topics, sorted. */
export function allTopics(): string[] {
  return [...new Set(EVENT_CATALOG.map((d) => d.topic))].sort();
}
