import { createHash } from 'node:crypto';
import { OUTBOX_LANES, partitionOf } from '@profila/messaging';

// Fixed namespace of the legacy import: the same legacy key gives the same id in every run (idempotency, resume).
const NAMESPACE = 'profila:legacy-import:v1';

/** A UUID (version 5 layout, SHA-1 of a namespace and a name) for a legacy record. */
export function legacyId(kind: 'organization' | 'unit' | 'link' | 'run', key: string): string {
  const h = createHash('sha1').update(`${NAMESPACE}:${kind}:${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** The outbox lane of an organisation's events (the relay keeps one key in one lane). */
export function outboxLane(organizationId: string): number {
  return partitionOf(organizationId, OUTBOX_LANES);
}
