import { AuditEntry } from '@profila/audit';
import { AccessRight } from '../access-rights/access-right.entity.js';
import { KnownCitizen } from '../citizens/known-citizen.entity.js';

export const DELEGATION_ENTITIES = [KnownCitizen, AccessRight, AuditEntry];
