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
