import { AuditEntry } from '@profila/audit';
import { EmploymentLookup } from '../employment/employment-lookup.entity.js';
import { EmploymentRelationship } from '../employment/employment-relationship.entity.js';
import { RaaProfile } from '../profiles/raa-profile.entity.js';
import { ProtocolCounter } from '../requests/protocol-counter.entity.js';
import { RaaAttachment } from '../requests/raa-attachment.entity.js';
import { RaaRequest } from '../requests/raa-request.entity.js';
import { RaaWorker } from '../requests/raa-worker.entity.js';

export const RAA_ENTITIES: Array<new () => unknown> = [
  AuditEntry,
  RaaProfile,
  RaaRequest,
  RaaWorker,
  RaaAttachment,
  ProtocolCounter,
  EmploymentRelationship,
  EmploymentLookup,
];
