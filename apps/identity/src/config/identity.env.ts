import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

/** The identity service's settings. Defaults serve `npm start` (gateway on http://localhost:8080). */
export class IdentityEnv extends ServiceEnv {
  /** The gateway's public URL: the SP entityID, ACS and SLO hang under `${PUBLIC_URL}/api/identity/saml/`. */
  @IsString()
  PUBLIC_URL = 'http://localhost:8080';

  /** Comma-separated IdP metadata sources (file paths or URLs), each optionally prefixed `spid:`, `cie:` or `cps:`. */
  @IsOptional()
  @IsString()
  IDP_METADATA?: string;

  /** Seconds between IdP metadata refreshes. */
  @IsInt()
  @Min(10)
  IDP_REFRESH_SECONDS = 3600;

  /** Lists the local dev IdP (apps/dev-idp) as an identity provider of every kind. Never in production. */
  @IsBoolean()
  DEV_IDP_ENABLED = false;

  /** Where identity reads the dev IdP's metadata (`${DEV_IDP_URL}/metadata`). */
  @IsString()
  DEV_IDP_URL = 'http://127.0.0.1:8081';

  /** The SP signing key pair, as files… */
  @IsOptional()
  @IsString()
  SP_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  SP_CERT_FILE?: string;

  /** …or inline PEM. Outside production a self-signed pair is generated once under IDENTITY_DATA_DIR. */
  @IsOptional()
  @IsString()
  SP_PRIVATE_KEY?: string;

  @IsOptional()
  @IsString()
  SP_CERTIFICATE?: string;

  @IsString()
  IDENTITY_DATA_DIR = '.data/identity';

  /** A session unused for this long ends (ADR 0008). */
  @IsInt()
  @Min(1)
  SESSION_IDLE_SECONDS = 30 * 60;

  /** A session ends this long after the login whatever happens. */
  @IsInt()
  @Min(1)
  SESSION_ABSOLUTE_SECONDS = 8 * 3600;

  /** SPID level requested when the login link names none. */
  @IsInt()
  @Min(1)
  @Max(3)
  SPID_DEFAULT_LEVEL = 2;

  /** How long an AuthnRequest may wait for its Response. */
  @IsInt()
  @Min(30)
  AUTHN_REQUEST_TTL_SECONDS = 15 * 60;

  /** Tolerated clock difference with the IdPs. */
  @IsInt()
  @Min(0)
  SAML_CLOCK_SKEW_SECONDS = 30;

  /**
   * Worker threads verifying SAML Responses; 0 = on the main thread. The one-pass verification costs ≈ 1 ms, less
   * than the hop to a worker and back (ADR 0007): on 2 cores the event loop does it cheaper; workers pay off only
   * with cores to spare for a single identity replica.
   */
  @IsInt()
  @Min(0)
  @Max(16)
  SAML_VALIDATION_WORKERS = 0;

  /** SPID rules: the AuthnRequest/Response register is kept 24 months. */
  @IsInt()
  @Min(1)
  SPID_LOG_RETENTION_MONTHS = 24;

  /** Window of the per-client budget of the SPID register (refused messages from one address). */
  @IsInt()
  @Min(60)
  SPID_LOG_CLIENT_WINDOW_SECONDS = 3600;

  /** Register rows one client address may add by refused messages per window; past it nothing more is stored. */
  @IsInt()
  @Min(1)
  SPID_LOG_CLIENT_MAX_ROWS = 200;

  /** Bytes of message text one client address may add by refused messages per window; past it only digests. */
  @IsInt()
  @Min(0)
  SPID_LOG_CLIENT_MAX_BYTES = 2 * 1024 * 1024;

  /** Logins one client address may have started and not finished (GET /login); past it 429. */
  @IsInt()
  @Min(1)
  LOGIN_MAX_PENDING_PER_CLIENT = 100;

  /** Warn (log, /health) when a trusted IdP certificate expires within this many days. */
  @IsInt()
  @Min(1)
  IDP_CERTIFICATE_WARNING_DAYS = 30;

  /** Refuse Responses signed with an expired IdP certificate (the key is dropped from the trusted ones). */
  @IsBoolean()
  IDP_REFUSE_EXPIRED_CERTIFICATES = false;

  /** Where identity asks which organisations a citizen may act for. */
  @IsString()
  DELEGATION_URL = 'http://127.0.0.1:3003';

  // Organization and ContactPerson of the SP metadata (Avviso SPID n.29).
  @IsString()
  SP_SERVICE_NAME = 'Profila - Servizi per il lavoro';

  @IsString()
  SP_ORG_NAME = 'Regione Esempio';

  @IsString()
  SP_ORG_DISPLAY_NAME = 'Regione Esempio - Servizi per il lavoro';

  @IsString()
  SP_ORG_URL = 'https://www.regione.example.it';

  @IsIn(['public', 'private'])
  SP_CONTACT_TYPE: 'public' | 'private' = 'public';

  /** Public SPs: codice IPA. */
  @IsString()
  SP_IPA_CODE = 'r_esempio';

  /** Private SPs. */
  @IsOptional()
  @IsString()
  SP_VAT_NUMBER?: string;

  @IsOptional()
  @IsString()
  SP_FISCAL_CODE?: string;

  @IsString()
  SP_CONTACT_EMAIL = 'spid@regione.example.it';

  /** localityName of the SP certificate: the comune of the organisation's seat. */
  @IsString()
  SP_LOCALITY = 'Roma';

  // Private SPs: the billing ContactPerson of Avviso SPID n.29 (fpa:CessionarioCommittente, who AgID invoices).
  /** Denominazione of the invoiced party (default SP_ORG_NAME). */
  @IsOptional()
  @IsString()
  SP_BILLING_COMPANY?: string;

  /** Partita IVA of the invoiced party (default SP_VAT_NUMBER). */
  @IsOptional()
  @IsString()
  SP_BILLING_VAT_NUMBER?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_FISCAL_CODE?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_ADDRESS?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_CIVIC_NUMBER?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_CAP?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_COMUNE?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_PROVINCIA?: string;

  @IsString()
  SP_BILLING_NAZIONE = 'IT';

  /** Billing e-mail (default SP_CONTACT_EMAIL). */
  @IsOptional()
  @IsString()
  SP_BILLING_EMAIL?: string;

  @IsOptional()
  @IsString()
  SP_BILLING_PHONE?: string;

  @IsOptional()
  @IsString()
  SP_CONTACT_PHONE?: string;
}

export function loadIdentityEnv(source: NodeJS.ProcessEnv = process.env): IdentityEnv {
  const env = withServiceDefaults(loadEnv(IdentityEnv, source), 'identity');
  env.PUBLIC_URL = env.PUBLIC_URL.replace(/\/+$/, '');
  env.DEV_IDP_URL = env.DEV_IDP_URL.replace(/\/+$/, '');
  new URL(env.PUBLIC_URL);
  if (env.NODE_ENV === 'production') {
    if (env.DEV_IDP_ENABLED) throw new Error('DEV_IDP_ENABLED must not be set in production: it is a test IdP.');
    const hasKey = Boolean(env.SP_KEY_FILE ?? env.SP_PRIVATE_KEY);
    const hasCert = Boolean(env.SP_CERT_FILE ?? env.SP_CERTIFICATE);
    if (!hasKey || !hasCert) {
      throw new Error(
        'In production the SP key pair must be configured (SP_KEY_FILE/SP_CERT_FILE or SP_PRIVATE_KEY/SP_CERTIFICATE).',
      );
    }
  }
  return env;
}

/** The SP endpoints derived from the public URL. */
export function spUrls(env: Pick<IdentityEnv, 'PUBLIC_URL'>) {
  const base = `${env.PUBLIC_URL}/api/identity/saml`;
  return { entityId: `${base}/metadata`, acsUrl: `${base}/acs`, sloUrl: `${base}/slo` };
}
