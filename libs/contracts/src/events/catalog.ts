import type { EventDefinition } from '../event-definition.js';
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
import { UnitCreatedV1, UnitDeletedV1, UnitUpdatedV1, type UnitV1 } from './registry/unit.v1.js';

/**
 * Every event type Profila publishes, with its payload type. Adding an event: a definition file under
 * events/<service>/, one line in EVENT_CATALOG and one in EventDataMap.
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
}

export type EventType = keyof EventDataMap;

export function eventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((d) => d.type === type);
}

/** All topics, sorted. */
export function allTopics(): string[] {
  return [...new Set(EVENT_CATALOG.map((d) => d.topic))].sort();
}
