import { AuditEntry } from '@profila/audit';
import { VerificationRequest } from '../requests/verification-request.entity.js';
import { VerificationStep } from '../requests/verification-step.entity.js';

export const ADMIN_VERIFICATION_ENTITIES: Array<new () => unknown> = [
  AuditEntry,
  VerificationRequest,
  VerificationStep,
];
