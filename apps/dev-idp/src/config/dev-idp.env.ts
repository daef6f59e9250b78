import { IsInt, IsOptional, IsString, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

/** The dev IdP's settings. Defaults serve `npm start`: gateway on 8080, dev IdP on 8081. */
export class DevIdpEnv extends ServiceEnv {
  /** Where its key pair and self-signed certificate are kept between runs. */
  @IsString()
  DEV_IDP_DATA_DIR = '.data/dev-idp';

  /** Base URL the browser uses to reach the dev IdP (entityID and endpoints). Default http://localhost:<PORT>. */
  @IsOptional()
  @IsString()
  DEV_IDP_PUBLIC_URL?: string;

  /** The Service Provider's metadata: its certificate verifies AuthnRequests, its ACS receives Responses. */
  @IsString()
  SP_METADATA_URL = 'http://127.0.0.1:8080/api/identity/saml/metadata';

  /** ACS used when the SP metadata cannot be read and the request names no AssertionConsumerServiceURL. */
  @IsString()
  SP_ACS_URL = 'http://localhost:8080/api/identity/saml/acs';

  /** Validity of the issued assertions, in seconds. */
  @IsInt()
  @Min(30)
  DEV_IDP_ASSERTION_TTL_SECONDS = 300;
}

export interface DevIdpSettings {
  env: DevIdpEnv;
  /** entityID = public base URL, without trailing slash. */
  entityId: string;
  ssoUrl: string;
  sloUrl: string;
}

export function devIdpSettings(env: DevIdpEnv): DevIdpSettings {
  const base = (env.DEV_IDP_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, '');
  return { env, entityId: base, ssoUrl: `${base}/sso`, sloUrl: `${base}/slo` };
}

export function loadDevIdpEnv(source: NodeJS.ProcessEnv = process.env): DevIdpEnv {
  const env = withServiceDefaults(loadEnv(DevIdpEnv, source), 'dev-idp');
  // A test IdP that lets anyone be anyone must never run in production.
  if (env.NODE_ENV === 'production') {
    throw new Error('dev-idp refuses to start with NODE_ENV=production: it is a test identity provider.');
  }
  new URL(devIdpSettings(env).entityId);
  return env;
}
