import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { loadEnv, ServiceEnv, withServiceDefaults } from '@profila/platform';

const HTTP_URL = /^https?:\/\/[^/\s]+\/?$/;

/** Luca Esposito, a test citizen of the dev IdP: the super-operator of the embedded mode (README). */
export const DEV_SUPER_OPERATOR_CF = 'SPSLCU75C22F839B';

export class AdminVerificationEnv extends ServiceEnv {
  /** registry: the organisations requests name, the operators' territories, the Responsabile unico check. */
  @Matches(HTTP_URL, { message: 'REGISTRY_URL must be http(s)://host:port' })
  REGISTRY_URL = 'http://127.0.0.1:3002';

  /** document-store: the request's documents (list, download links for the operators' preview). */
  @Matches(HTTP_URL, { message: 'DOCUMENT_STORE_URL must be http(s)://host:port' })
  DOCUMENT_STORE_URL = 'http://127.0.0.1:3005';

  /** The portal's public address: the PEC confirmation link points there. */
  @Matches(HTTP_URL, { message: 'PUBLIC_URL must be http(s)://host:port' })
  PUBLIC_URL = 'http://localhost:8080';

  /**
   * Codici fiscali (comma-separated) of the super-operators configured at deployment: they manage the operators and
   * see the requests no territory claims. Further super-operators are registry memberships (SUPEROPERATORE). Default:
   * the dev IdP's Luca Esposito, refused in production; `none` for none.
   */
  @IsString()
  @Matches(/^([A-Z0-9]{16})(,[A-Z0-9]{16})*$|^none$/, {
    message: 'SUPER_OPERATORS must be codici fiscali, comma-separated',
  })
  SUPER_OPERATORS = DEV_SUPER_OPERATOR_CF;

  /** A request waiting for an operator longer than this many days is flagged late in the queue. */
  @IsInt()
  @Min(1)
  @Max(365)
  LATE_AFTER_DAYS = 5;

  /** Days the applicant has to answer "Da integrare" (then the request expires, with a mail). */
  @IsInt()
  @Min(1)
  @Max(365)
  INTEGRATION_DAYS = 15;

  /** Days an RAA applicant has to confirm the declared PEC. */
  @IsInt()
  @Min(1)
  @Max(60)
  PEC_CONFIRMATION_DAYS = 7;

  /** Drafts never sent and unchanged for this many days are deleted, with their documents (audited). */
  @IsInt()
  @Min(1)
  @Max(3650)
  STALE_DRAFT_DAYS = 30;

  /** Every how often requests past their due day are expired (and stale drafts deleted). */
  @IsInt()
  @Min(1)
  @Max(86_400)
  SLA_SWEEP_INTERVAL_SECONDS = 300;

  get superOperators(): string[] {
    return this.SUPER_OPERATORS === 'none' ? [] : this.SUPER_OPERATORS.split(',');
  }
}

export function loadAdminVerificationEnv(source: NodeJS.ProcessEnv = process.env): AdminVerificationEnv {
  const env = withServiceDefaults(loadEnv(AdminVerificationEnv, source), 'admin-verification');
  if (env.NODE_ENV === 'production' && env.superOperators.includes(DEV_SUPER_OPERATOR_CF)) {
    throw new Error('SUPER_OPERATORS must be set in production (the default is a dev IdP test citizen)');
  }
  return env;
}
