// Shared set-up of the SAML tests: our SP (real keys, real config), a test IdP that signs like a real one, and the
// validator wired to an in-memory request store. Nothing here is mocked: only the remote IdP is replaced.
import { createSelfSignedCredentials, TestSamlIdp, type TestResponseInput } from '@profila/testing';
import { createAuthnRequest } from '../src/saml/authn-request.js';
import { InMemoryAuthnRequestStore } from '../src/saml/authn-request-store.js';
import { IdpRegistry, parseIdpMetadata } from '../src/saml/idp-registry.js';
import { SpidResponseValidator, type SpidResponseValidatorOptions } from '../src/saml/response-validator.js';
import type { SamlBinding } from '../src/saml/saml-constants.js';
import type { SpConfig } from '../src/saml/sp-config.js';
import type { AuthnComparison, SpidLevel } from '../src/saml/spid-level.js';

export const SP_ENTITY_ID = 'https://profila.test.example/saml/metadata';
export const ACS_URL = 'https://profila.test.example/api/identity/saml/acs';
export const SLO_URL = 'https://profila.test.example/api/identity/saml/slo';

export function spConfig(): SpConfig {
  return {
    entityId: SP_ENTITY_ID,
    acsUrl: ACS_URL,
    sloUrl: SLO_URL,
    credentials: createSelfSignedCredentials({ commonName: 'Profila SP test' }),
    serviceName: 'Profila - Servizi Lavoro',
    serviceDescription: 'Accesso ai servizi per il lavoro',
    organization: { name: 'Regione Esempio', displayName: 'Regione Esempio', url: 'https://www.regione.example.it' },
    contact: { type: 'public', ipaCode: 'r_esempio', email: 'spid@regione.example.it', telephone: '+390612345678' },
  };
}

export interface SamlWorld {
  sp: SpConfig;
  idp: TestSamlIdp;
  registry: IdpRegistry;
  store: InMemoryAuthnRequestStore;
  validator: SpidResponseValidator;
  validatorWith(options: Partial<SpidResponseValidatorOptions>): SpidResponseValidator;
  /** Sends (builds, signs, stores) an AuthnRequest to the test IdP and returns what the IdP needs to answer it. */
  login(options?: {
    level?: SpidLevel;
    comparison?: AuthnComparison;
    binding?: SamlBinding;
    ttlMs?: number;
    now?: Date;
  }): Promise<{ requestId: string; relayState: string; input: TestResponseInput }>;
}

export async function samlWorld(): Promise<SamlWorld> {
  const sp = spConfig();
  const idp = new TestSamlIdp({ entityId: 'https://idp.test.profila.example' });
  const registry = IdpRegistry.of(parseIdpMetadata(idp.metadata(), { kind: 'spid' }));
  const store = new InMemoryAuthnRequestStore();
  const validatorWith = (options: Partial<SpidResponseValidatorOptions>) =>
    new SpidResponseValidator({ sp, idps: registry, requests: store, ...options });
  return {
    sp,
    idp,
    registry,
    store,
    validator: validatorWith({}),
    validatorWith,
    async login(options = {}) {
      const level = options.level ?? 'L2';
      const request = createAuthnRequest({
        sp,
        destination: idp.ssoUrl,
        level,
        comparison: options.comparison,
        binding: options.binding ?? 'HTTP-POST',
        now: options.now,
      });
      await store.save(request.id, {
        idp: idp.entityId,
        level,
        comparison: request.comparison,
        issuedAt: request.issuedAt,
        expiresAt: new Date(request.issuedAt.getTime() + (options.ttlMs ?? 15 * 60_000)),
        relayState: request.relayState,
      });
      return {
        requestId: request.id,
        relayState: request.relayState,
        input: { inResponseTo: request.id, acsUrl: ACS_URL, spEntityId: SP_ENTITY_ID, level },
      };
    },
  };
}
