import type { SpidAttributeName } from './spid-attributes.js';
import type { SigningCredentials } from './xml-signature.js';

export interface SpOrganization {
  name: string;
  displayName: string;
  url: string;
}

/**
 * The `ContactPerson contactType="other"` of AgID Avviso SPID n.29: a public SP is identified by its IPA code,
 * a private one by VAT number and/or fiscal code.
 */
export type SpContact = { email: string; telephone?: string } & (
  { type: 'public'; ipaCode: string } | { type: 'private'; vatNumber?: string; fiscalCode?: string; company?: string }
);

/**
 * The `ContactPerson contactType="billing"` a private SP publishes (Avviso SPID n.29): the party AgID invoices,
 * as `fpa:CessionarioCommittente` of the FatturaPA schema.
 */
export interface SpBillingContact {
  company: string;
  vatNumber?: string;
  fiscalCode?: string;
  sede: { indirizzo: string; numeroCivico?: string; cap: string; comune: string; provincia?: string; nazione: string };
  email: string;
  telephone?: string;
}

/** Everything that identifies Profila as a SAML Service Provider. */
export interface SpConfig {
  /** entityID: an https URL in production. */
  entityId: string;
  /** AssertionConsumerService index 0 (HTTP-POST). */
  acsUrl: string;
  /** SingleLogoutService (HTTP-POST and HTTP-Redirect). */
  sloUrl: string;
  credentials: SigningCredentials;
  /** AttributeConsumingService index 0 ServiceName (Italian). */
  serviceName: string;
  serviceDescription?: string;
  requestedAttributes?: readonly SpidAttributeName[];
  organization: SpOrganization;
  contact: SpContact;
  /** Private SPs only. */
  billing?: SpBillingContact;
}
