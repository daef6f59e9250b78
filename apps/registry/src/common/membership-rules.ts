import type { Membership } from '../memberships/membership.entity.js';

/** Today's date as the validity columns store it (YYYY-MM-DD, Europe/Rome). */
export function today(at = new Date()): string {
  return at.toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
}

export function isCurrent(membership: Pick<Membership, 'validFrom' | 'validTo' | 'revokedAt'>, at: Date): boolean {
  const day = today(at);
  return !membership.revokedAt && membership.validFrom <= day && (!membership.validTo || membership.validTo >= day);
}

/** The amministratore may change everything; an ANAGRAFICA collaborator what their scope covers. */
export function mayEdit(membership: Membership, scopeUnitIds: string[], touchedUnitIds: string[]): boolean {
  if (membership.kind === 'amministratore') return true;
  if (!membership.roles.includes('ANAGRAFICA')) return false;
  if (membership.scope === 'organization') return true;
  return touchedUnitIds.length > 0 && touchedUnitIds.every((id) => scopeUnitIds.includes(id));
}
