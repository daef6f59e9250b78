/** Roles per service a membership grants (the organigram's "ruoli"). */
export const ROLES = ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'] as const;

/**
 * Back-office roles, never part of an organigram: BACKOFFICE makes the person an operator of a Region / Provincia /
 * agency on the units in scope (their territory); SUPEROPERATORE lets them manage the operators (issue #11).
 */
export const BACKOFFICE_ROLES = ['BACKOFFICE', 'SUPEROPERATORE'] as const;
export type BackofficeRole = (typeof BACKOFFICE_ROLES)[number];

export type Role = (typeof ROLES)[number] | BackofficeRole;

export const MEMBERSHIP_KINDS = ['amministratore', 'collaboratore'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const MEMBERSHIP_SCOPES = ['organization', 'units'] as const;
export type MembershipScope = (typeof MEMBERSHIP_SCOPES)[number];
