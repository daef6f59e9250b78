import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createLogger } from '@profila/platform';
import { CitizensService } from '../citizens/citizens.service.js';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV, SP_CONFIG } from '../identity.tokens.js';
import {
  bindAuthnRequest,
  buildAuthnRequestXml,
  createLogoutRequest,
  createLogoutResponse,
  type IdpKind,
  type InboundMessage,
  newRelayState,
  postBindingForm,
  readIdpLogoutRequest,
  readIdpLogoutResponse,
  SamlErrorCode,
  samlErrorMessage,
  SamlValidationError,
  type SpConfig,
  SpidResponseValidator,
  type SpidLevel,
} from '../saml/index.js';
import type { Session } from '../sessions/session.entity.js';
import { newOpaqueToken, SessionsService, sha256Hex } from '../sessions/sessions.service.js';
import { SpidLogService } from '../spid-log/spid-log.service.js';
import { anagraficaFromSpid, safeReturnTo } from './domain/spid-anagrafica.js';
import { IdentityProviders } from './identity-providers.service.js';
import { AuthnRequestRepository, type PendingLogin } from './authn-request.repository.js';
import { IdpLogoutRequestRepository } from './idp-logout-request.repository.js';
import { isLoginCookieValue } from './login-cookie.js';
import { LoginException, LoginExceptionCode, loginErrorMessage } from './login.exception.js';
import { ValidationPool } from './validation-pool.js';
import { IF_CITIZEN_WRITTEN, LoginWriteRepository } from './login-write.repository.js';
import { SqlStatement } from '../database/sql-statement.js';

/** What the browser gets: a redirect, or an auto-submitting form (HTTP-POST binding). */
export type BrowserStep = { redirect: string } | { html: string };

export interface LoginQuery {
  kind?: string;
  idp?: string;
  level?: string;
  returnTo?: string;
}

/** Who is on the other end: the client address and the login cookie their browser holds, if any. */
export interface LoginClient {
  ip: string;
  loginCookie?: string;
}

/** The start of a login: the browser step, and the login cookie value to (re)set. */
export interface LoginStart {
  step: BrowserStep;
  loginCookie?: string;
}

/** Accepted: 303 to the reserved area with the session. Refused: the anomaly's status and Italian page. */
export type AcsOutcome =
  | { accepted: true; location: string; session: { id: string; csrfToken: string } }
  | { accepted: false; status: number; code: string; message: string };

/** An SLO outcome: the browser step, and whether this browser's session cookies go (only after a valid message). */
export interface SloOutcome {
  step: BrowserStep;
  clearCookies: boolean;
}

const HOUSEKEEPING_MS = 10 * 60_000;
const LOGOUT_REQUEST_MEMORY_MS = 24 * 3600_000;

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const ERROR_PAGE = '/errore-accesso';
export const LOGGED_OUT_PAGE = '/uscita';

export function errorLocation(code: string, message: string): string {
  return `${ERROR_PAGE}?code=${encodeURIComponent(code)}&message=${encodeURIComponent(message)}`;
}

/**
 * Browser redirects leave through the gateway, whose proxy prefixes relative Location headers with `/api/identity`:
 * portal pages are therefore given as absolute URLs under PUBLIC_URL (same origin as the portal).
 */
export function portalUrl(publicUrl: string, path: string): string {
  return `${publicUrl}${path}`;
}

/** The posted message as text, for the register (which decides how much of it to keep). */
function decodeForLog(samlResponse: string): string | null {
  if (samlResponse.length === 0) return null;
  return Buffer.from(samlResponse, 'base64').toString('utf8');
}

/** The SAML Service Provider use cases: start a login, accept its Response at the ACS, single logout both ways. */
@Injectable()
export class LoginService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: ReturnType<typeof createLogger>;
  private readonly validator: Pick<SpidResponseValidator<PendingLogin>, 'validate'>;
  private readonly pool?: ValidationPool<PendingLogin>;
  private housekeeping?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly idps: IdentityProviders,
    private readonly requests: AuthnRequestRepository,
    private readonly logoutRequests: IdpLogoutRequestRepository,
    private readonly citizens: CitizensService,
    private readonly sessions: SessionsService,
    private readonly spidLog: SpidLogService,
    private readonly loginWrites: LoginWriteRepository,
    @Inject(SP_CONFIG) private readonly sp: SpConfig,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.logger = createLogger('identity.login', env.LOG_LEVEL);
    const clockSkewMs = env.SAML_CLOCK_SKEW_SECONDS * 1000;
    if (env.SAML_VALIDATION_WORKERS > 0 && ValidationPool.available()) {
      this.pool = new ValidationPool<PendingLogin>(
        env.SAML_VALIDATION_WORKERS,
        { sp: { entityId: sp.entityId, acsUrl: sp.acsUrl }, clockSkewMs },
        requests,
        () => idps.snapshot(),
      );
      this.validator = this.pool;
    } else {
      this.validator = new SpidResponseValidator<PendingLogin>({ sp, idps: idps.registry, requests, clockSkewMs });
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.housekeeping) clearInterval(this.housekeeping);
    await this.pool?.close();
  }

  /** Expired AuthnRequests and remembered LogoutRequests are deleted every few minutes (the timer never holds the process). */
  onApplicationBootstrap(): void {
    const run = () =>
      this.purgeExpired().catch((err: Error) => this.logger.warn({ err: err.message }, 'login housekeeping failed'));
    void run();
    this.housekeeping = setInterval(() => void run(), HOUSEKEEPING_MS);
    this.housekeeping.unref();
  }

  async purgeExpired(now = new Date()): Promise<{ authnRequests: number; logoutRequests: number }> {
    const authnRequests = await this.requests.purgeExpired(now);
    const logoutRequests = await this.logoutRequests.purgeBefore(new Date(now.getTime() - LOGOUT_REQUEST_MEMORY_MS));
    if (authnRequests + logoutRequests > 0) this.logger.info({ authnRequests, logoutRequests }, 'login state purged');
    return { authnRequests, logoutRequests };
  }

  /** GET /login: a signed AuthnRequest for the chosen IdP (Redirect binding when the IdP offers it). */
  async startLogin(query: LoginQuery, client: LoginClient): Promise<LoginStart> {
    const kind = (query.kind ?? 'spid') as IdpKind;
    if (!['spid', 'cie', 'cps'].includes(kind) || !query.idp) {
      return {
        step: {
          redirect: portalUrl(
            this.env.PUBLIC_URL,
            errorLocation(SamlErrorCode.UNKNOWN_IDP, "Scegli un gestore dell'identità digitale."),
          ),
        },
      };
    }
    const idp = this.idps.forKind(query.idp, kind);
    if (!idp) {
      return {
        step: {
          redirect: portalUrl(
            this.env.PUBLIC_URL,
            errorLocation(SamlErrorCode.UNKNOWN_IDP, "Il gestore dell'identità digitale scelto non è disponibile."),
          ),
        },
      };
    }
    // One binding per browser, reused while it lives: two tabs logging in at once both finish.
    const browserBinding = isLoginCookieValue(client.loginCookie) ? client.loginCookie : newOpaqueToken();
    const levelNumber = /^[123]$/.test(query.level ?? '') ? Number(query.level) : this.env.SPID_DEFAULT_LEVEL;
    const level = `L${levelNumber}` as SpidLevel;
    const binding = idp.sso.redirect ? 'HTTP-Redirect' : 'HTTP-POST';
    const destination = binding === 'HTTP-Redirect' ? idp.sso.redirect! : idp.sso.post!;
    const built = buildAuthnRequestXml({ sp: this.sp, destination, level });
    const relayState = newRelayState();
    // Stored (or refused: too many pending from this client) in one statement, before the signature is paid for.
    const stored = await this.requests.saveIfFewerPending(
      built.id,
      {
        idp: idp.entityId,
        level,
        comparison: built.comparison,
        issuedAt: built.issuedAt,
        expiresAt: new Date(Date.now() + this.env.AUTHN_REQUEST_TTL_SECONDS * 1000),
        relayState,
      },
      {
        idpKind: kind,
        returnTo: safeReturnTo(query.returnTo),
        requestXml: built.xml,
        clientIp: client.ip,
        browserBindingSha256: sha256Hex(browserBinding),
      },
      this.env.LOGIN_MAX_PENDING_PER_CLIENT,
    );
    if (!stored) {
      this.logger.warn({ clientIp: client.ip }, 'too many pending logins from one client');
      throw new LoginException(LoginExceptionCode.TOO_MANY_LOGINS);
    }
    const request = await bindAuthnRequest(built, { sp: this.sp, destination, binding, relayState });
    const step: BrowserStep = request.redirectUrl
      ? { redirect: request.redirectUrl }
      : { html: postBindingForm(request.post!, { title: "Reindirizzamento al gestore dell'identità digitale" }) };
    return { step, loginCookie: browserBinding };
  }

  /**
   * POST /saml/acs: the strict SPID validation, the browser binding (login CSRF), then — in one transaction — the
   * citizen upsert (events through the outbox), a new session and the register row. Any refusal: a (bounded) register
   * row, no session, the anomaly's status and message.
   */
  async acs(body: { SAMLResponse?: string; RelayState?: string }, client: LoginClient): Promise<AcsOutcome> {
    const samlResponse = body.SAMLResponse ?? '';
    const relayState = body.RelayState;
    const responseXml = decodeForLog(samlResponse);
    let pending: PendingLogin | undefined;
    try {
      const result = await this.validator.validate({ SAMLResponse: samlResponse, RelayState: relayState });
      // The row the validation consumed (UPDATE … RETURNING *): no second read of authn_request.
      pending = result.request;
      const bound =
        pending?.browserBindingSha256 &&
        isLoginCookieValue(client.loginCookie) &&
        sameHash(sha256Hex(client.loginCookie), pending.browserBindingSha256);
      if (!pending || !bound) {
        this.logger.warn(
          { requestId: result.requestId, clientIp: client.ip },
          'Response from a browser that did not start the login',
        );
        throw new LoginException(LoginExceptionCode.LOGIN_NOT_BOUND);
      }
      const anagrafica = anagraficaFromSpid(result.citizen.raw);
      if (!anagrafica.nome || !anagrafica.cognome) {
        throw new SamlValidationError(SamlErrorCode.MISSING_ATTRIBUTES, {
          reason: 'name or familyName not released',
          requestId: result.requestId,
          responseId: result.responseId,
          idp: result.idp,
        });
      }
      const idp = this.idps.get(result.idp);
      const kind = pending.idpKind ?? result.idpKind;
      const request = pending;
      const codiceFiscale = result.citizen.fiscalNumber;
      const citizen = {
        ...anagrafica,
        nome: anagrafica.nome,
        cognome: anagrafica.cognome,
        source: idp && this.idps.isDevIdp(idp) ? ('dev' as const) : kind,
      };
      const at = new Date();
      const opened = this.sessions.prepare(
        {
          codiceFiscale,
          idp: result.idp,
          idpKind: kind,
          spidLevel: result.level,
          nameId: result.nameId,
          nameQualifier: result.nameQualifier,
          sessionIndex: result.sessionIndex ?? null,
        },
        at,
      );
      const register = {
        requestId: result.requestId,
        responseId: result.responseId,
        requestIssueInstant: request.issuedAt,
        responseIssueInstant: result.issueInstant,
        idp: result.idp,
        codiceFiscale,
        level: result.level,
        outcome: 'success' as const,
        requestXml: request.requestXml,
        responseXml,
        posted: samlResponse,
        clientIp: client.ip,
        exchange: true,
      };
      // One statement (citizen + event + session + register row), guarded by the citizen row's version; when the row
      // changed between the read and the write (a concurrent login or edit), the locking transaction does it all.
      const read = await this.citizens.readForLogin(codiceFiscale);
      const plan = this.citizens.planLogin(codiceFiscale, citizen, read?.citizen ?? null, at);
      const st = new SqlStatement();
      const parts = this.citizens.loginParts(st, plan, read?.version ?? null, IF_CITIZEN_WRITTEN);
      const written = await this.loginWrites.commit(st, parts.write, {
        citizen_event: parts.event,
        new_session: this.sessions.insertPart(st, opened, IF_CITIZEN_WRITTEN),
        spid_register: this.spidLog.successPart(st, register, IF_CITIZEN_WRITTEN),
      });
      if (!written) {
        this.logger.debug({ requestId: result.requestId }, 'citizen changed during the login: locking write');
        await this.dataSource.transaction(async (manager) => {
          await this.citizens.recordLoginIn(manager, codiceFiscale, citizen, at);
          await this.sessions.insertPrepared(opened, manager);
          await this.spidLog.recordSuccess(register, manager);
        });
      }
      return {
        accepted: true,
        location: portalUrl(this.env.PUBLIC_URL, request.returnTo ?? '/area-riservata'),
        session: { id: opened.session.id, csrfToken: opened.csrfToken },
      };
    } catch (err) {
      return this.refuse(err, { responseXml, posted: samlResponse, client, pending });
    }
  }

  private async refuse(
    err: unknown,
    input: { responseXml: string | null; posted: string; client: LoginClient; pending?: PendingLogin },
  ): Promise<AcsOutcome> {
    const saml = err instanceof SamlValidationError ? err : undefined;
    const login = err instanceof LoginException ? err : undefined;
    const failure = saml ?? login ?? new LoginException(LoginExceptionCode.LOGIN_FAILED);
    const details = saml?.details;
    if (saml) this.logger.warn({ code: saml.code, reason: saml.reason, idp: details?.idp }, 'SAML Response refused');
    else if (!login) this.logger.error({ err: (err as Error).message }, 'login failed');
    // A message naming a request of ours is an exchange (kept whole); anything else keeps only a digest.
    const pending =
      input.pending ??
      (details?.requestId && saml?.code !== SamlErrorCode.UNKNOWN_REQUEST
        ? await this.requests.find(details.requestId).catch(() => undefined)
        : undefined);
    await this.spidLog
      .recordRefusal({
        requestId: details?.requestId ?? pending?.id,
        responseId: details?.responseId,
        requestIssueInstant: pending?.issuedAt,
        idp: details?.idp ?? pending?.idp,
        level: pending?.level,
        outcome: saml || login?.code === LoginExceptionCode.LOGIN_NOT_BOUND ? 'refused' : 'error',
        errorCode: failure.code,
        errorReason: saml ? saml.reason : login ? login.message : (err as Error).message,
        requestXml: pending?.requestXml,
        responseXml: input.responseXml,
        posted: input.posted,
        clientIp: input.client.ip,
        exchange: pending !== undefined,
      })
      .catch((e: Error) => this.logger.error({ err: e.message }, 'SPID register write failed'));
    return { accepted: false, status: failure.httpStatus(), code: failure.code, message: failure.message };
  }

  /** The page of a login refusal that happens before any SAML message (GET /login). */
  loginRefusal(err: LoginException): { status: number; code: string; message: string } {
    return { status: err.httpStatus(), code: err.code, message: loginErrorMessage(err.code) };
  }

  /**
   * POST /logout: ends the local session now, then sends the browser to the IdP with our signed LogoutRequest
   * (HTTP-Redirect). Without an SLO endpoint at the IdP the user goes straight to the logged-out page.
   */
  async logout(session: Session): Promise<{ redirectUrl: string }> {
    await this.sessions.end(session.id, 'logout');
    const idp = this.idps.get(session.idp);
    if (!idp?.slo.redirect) return { redirectUrl: LOGGED_OUT_PAGE };
    const request = createLogoutRequest({
      sp: this.sp,
      destination: idp.slo.redirect,
      nameId: session.nameId,
      nameQualifier: session.nameQualifier,
      sessionIndex: session.sessionIndex ?? undefined,
      binding: 'HTTP-Redirect',
    });
    await this.sessions.recordLogoutRequest(session.id, request.id, request.relayState!);
    return { redirectUrl: request.redirectUrl! };
  }

  /**
   * GET|POST /saml/slo: an IdP-initiated LogoutRequest, or the IdP's answer to ours. Nothing changes (no session
   * ended, no cookie cleared) until the message is verified; a LogoutRequest is processed once.
   */
  async slo(inbound: InboundMessage, kind: 'SAMLRequest' | 'SAMLResponse'): Promise<SloOutcome> {
    if (kind === 'SAMLResponse') {
      try {
        return { step: await this.sloResponse(inbound), clearCookies: true };
      } catch (err) {
        if (!(err instanceof SamlValidationError)) throw err;
        this.logger.warn({ code: err.code, reason: err.reason }, 'LogoutResponse refused');
        // The local session ended at POST /logout; the IdP's answer is unreadable: the IdP logout is unconfirmed.
        return { step: { redirect: this.logoutFailedLocation() }, clearCookies: false };
      }
    }
    const ctx = { sp: this.sp, idps: this.idps.registry, clockSkewMs: this.env.SAML_CLOCK_SKEW_SECONDS * 1000 };
    const request = readIdpLogoutRequest(inbound, ctx);
    const ended = await this.dataSource.transaction(async (manager) => {
      if (!(await this.logoutRequests.remember(request.idp.entityId, request.id, new Date(), manager))) {
        throw new SamlValidationError(SamlErrorCode.REPLAYED_LOGOUT_REQUEST, {
          reason: 'LogoutRequest already processed',
          idp: request.idp.entityId,
          requestId: request.id,
        });
      }
      return this.sessions.endByIdpLogin(request.idp.entityId, request.nameId, request.sessionIndexes, manager);
    });
    this.logger.info({ idp: request.idp.entityId, ended }, 'IdP-initiated logout');
    const idp = request.idp;
    const redirectTo = idp.sloResponse.redirect ?? idp.slo.redirect;
    const postTo = idp.sloResponse.post ?? idp.slo.post;
    const binding = redirectTo ? 'HTTP-Redirect' : 'HTTP-POST';
    const destination = (redirectTo ?? postTo)!;
    const response = createLogoutResponse({
      sp: this.sp,
      destination,
      inResponseTo: request.id,
      binding,
      relayState: request.relayState,
    });
    const step: BrowserStep = response.redirectUrl
      ? { redirect: response.redirectUrl }
      : { html: postBindingForm(response.post!, { title: 'Uscita in corso' }) };
    return { step, clearCookies: true };
  }

  private async sloResponse(inbound: InboundMessage): Promise<BrowserStep> {
    const relayState =
      inbound.binding === 'HTTP-POST'
        ? inbound.relayState
        : (new URLSearchParams(inbound.rawQuery).get('RelayState') ?? undefined);
    const session = relayState ? await this.sessions.findByLogoutRelayState(relayState) : null;
    if (!session?.logoutRequestId) {
      throw new SamlValidationError(SamlErrorCode.IN_RESPONSE_TO_MISMATCH, {
        reason: 'LogoutResponse for no LogoutRequest of ours',
      });
    }
    const answer = readIdpLogoutResponse(inbound, {
      sp: this.sp,
      idps: this.idps.registry,
      clockSkewMs: this.env.SAML_CLOCK_SKEW_SECONDS * 1000,
      expected: { requestId: session.logoutRequestId, idp: session.idp },
    });
    const page = answer.success ? LOGGED_OUT_PAGE : `${LOGGED_OUT_PAGE}?esito=parziale`;
    return { redirect: portalUrl(this.env.PUBLIC_URL, page) };
  }

  logoutFailedLocation(): string {
    return portalUrl(
      this.env.PUBLIC_URL,
      errorLocation(SamlErrorCode.LOGOUT_FAILED, samlErrorMessage(SamlErrorCode.LOGOUT_FAILED)),
    );
  }
}
