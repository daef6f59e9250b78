import { type IdentityEnv, spUrls } from '../config/identity.env.js';
import {
  IDP_KINDS,
  type IdpKind,
  type IdpSource,
  type SigningCredentials,
  type SpBillingContact,
  type SpConfig,
} from '../saml/index.js';

export const DEV_IDP_DISPLAY_NAME = 'Dev IdP (ambiente di prova)';

/** Profila as a Service Provider, from the environment. */
export function spConfigFrom(env: IdentityEnv, credentials: SigningCredentials): SpConfig {
  return {
    ...spUrls(env),
    credentials,
    serviceName: env.SP_SERVICE_NAME,
    serviceDescription: 'Accesso ai servizi per il lavoro',
    organization: { name: env.SP_ORG_NAME, displayName: env.SP_ORG_DISPLAY_NAME, url: env.SP_ORG_URL },
    contact:
      env.SP_CONTACT_TYPE === 'public'
        ? { type: 'public', ipaCode: env.SP_IPA_CODE, email: env.SP_CONTACT_EMAIL, telephone: env.SP_CONTACT_PHONE }
        : {
            type: 'private',
            vatNumber: env.SP_VAT_NUMBER,
            fiscalCode: env.SP_FISCAL_CODE,
            company: env.SP_ORG_NAME,
            email: env.SP_CONTACT_EMAIL,
            telephone: env.SP_CONTACT_PHONE,
          },
    billing: env.SP_CONTACT_TYPE === 'private' ? billingFrom(env) : undefined,
  };
}

/** The billing contact of a private SP; the seat's address is required (FatturaPA). */
function billingFrom(env: IdentityEnv): SpBillingContact {
  const missing = (['SP_BILLING_ADDRESS', 'SP_BILLING_CAP', 'SP_BILLING_COMUNE'] as const).filter((k) => !env[k]);
  if (missing.length > 0)
    throw new Error(`A private SP needs the billing contact of Avviso SPID n.29: set ${missing.join(', ')}`);
  if (!env.SP_BILLING_VAT_NUMBER && !env.SP_VAT_NUMBER && !env.SP_BILLING_FISCAL_CODE && !env.SP_FISCAL_CODE) {
    throw new Error('A private SP needs SP_BILLING_VAT_NUMBER (or SP_VAT_NUMBER) or a fiscal code for billing');
  }
  return {
    company: env.SP_BILLING_COMPANY ?? env.SP_ORG_NAME,
    vatNumber: env.SP_BILLING_VAT_NUMBER ?? env.SP_VAT_NUMBER,
    fiscalCode:
      env.SP_BILLING_FISCAL_CODE ?? ((env.SP_BILLING_VAT_NUMBER ?? env.SP_VAT_NUMBER) ? undefined : env.SP_FISCAL_CODE),
    sede: {
      indirizzo: env.SP_BILLING_ADDRESS!,
      numeroCivico: env.SP_BILLING_CIVIC_NUMBER,
      cap: env.SP_BILLING_CAP!,
      comune: env.SP_BILLING_COMUNE!,
      provincia: env.SP_BILLING_PROVINCIA,
      nazione: env.SP_BILLING_NAZIONE,
    },
    email: env.SP_BILLING_EMAIL ?? env.SP_CONTACT_EMAIL,
    telephone: env.SP_BILLING_PHONE,
  };
}

/** `spid:/etc/idp.xml,cie:https://…/metadata,https://…` → sources (kind defaults to spid). */
export function parseIdpMetadataSetting(value: string | undefined): IdpSource[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(spid|cie|cps):(.+)$/i.exec(entry);
      const kind = (match ? match[1].toLowerCase() : 'spid') as IdpKind;
      const location = match ? match[2] : entry;
      return /^https?:\/\//i.test(location) ? { kind, url: location } : { kind, file: location };
    });
}

/** Every IdP source: the configured ones, plus the dev IdP when enabled (listed under every kind by the service). */
export function idpSources(env: IdentityEnv): IdpSource[] {
  const sources = parseIdpMetadataSetting(env.IDP_METADATA);
  if (env.DEV_IDP_ENABLED) {
    sources.push({ kind: 'spid', url: `${env.DEV_IDP_URL}/metadata`, displayName: DEV_IDP_DISPLAY_NAME });
  }
  return sources;
}

export function isIdpKind(value: unknown): value is IdpKind {
  return typeof value === 'string' && (IDP_KINDS as readonly string[]).includes(value);
}
