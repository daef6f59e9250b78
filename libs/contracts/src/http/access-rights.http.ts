/** delegation's service API read by identity ("Selezione tipologia di utente") and the gateway. */

/** `GET /access-rights/citizens/:codiceFiscale/organizations`: the organisations a citizen may act for now. */
export interface AccessRightOrganization {
  organizationId: string;
  ragioneSociale: string;
  /** The organisation's codice fiscale (or foreign identification code). */
  codiceFiscale: string;
  /** Union of the roles of every right valid now (admin, organigram roles, deleghe). */
  roles: string[];
}

export interface AccessRightOrganizationsResponse {
  organizations: AccessRightOrganization[];
}

/** Version 1 of the access-check service API (`/v1/access-rights/...`). */
export const ACCESS_RIGHTS_API_V1 = '/v1/access-rights';

/** The grant that allows a check: where it comes from, what it covers, when. */
export interface AccessGrant {
  grantId: string;
  source: 'amministratore' | 'collaboratore' | 'delega';
  /** The membership's or the delega's id. */
  sourceId: string;
  permissions: string[];
  scope: 'organization' | 'units';
  unitIds: string[];
  /** ISO 8601 instants; validTo null = open-ended. */
  validFrom: string;
  validTo: string | null;
}

/**
 * `GET /v1/access-rights/check?codiceFiscale=&organizationId=[&permission=][&unitId=][&at=]`: may the citizen act for
 * the organisation (with the permission, on the unit) at `at` (default now)? `grant` is the one that allows it.
 */
export interface AccessCheckResponse {
  allowed: boolean;
  grant: AccessGrant | null;
}
