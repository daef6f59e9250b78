/** Roles per service a membership grants (the organigram's "ruoli"). */
export const ROLES = ['COB', 'SARE', 'IDO', 'RAA', 'ANAGRAFICA'] as const;
export type Role = (typeof ROLES)[number];

export const MEMBERSHIP_KINDS = ['amministratore', 'collaboratore'] as const;
export type MembershipKind = (typeof MEMBERSHIP_KINDS)[number];

export const MEMBERSHIP_SCOPES = ['organization', 'units'] as const;
export type MembershipScope = (typeof MEMBERSHIP_SCOPES)[number];
