import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createLogger } from '@profila/platform';
import { CitizensService } from '../citizens/citizens.service.js';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV, SP_CONFIG } from '../identity.tokens.js';
import {
  createAuthnRequest,
  createLogoutRequest,
  createLogoutResponse,
  type IdpKind,
  type InboundMessage,
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
import { newOpaqueToken, SessionsService } from '../sessions/sessions.service.js';
import { SpidLogService } from '../spid-log/spid-log.service.js';
import { anagraficaFromSpid, safeReturnTo } from './domain/spid-anagrafica.js';
import { IdentityProviders } from './identity-providers.service.js';
import { PgAuthnRequestStore } from './pg-authn-request.store.js';
import { ValidationPool } from './validation-pool.js';

/** What the browser gets: a redirect, or an auto-submitting form (HTTP-POST binding). */
export type BrowserStep = { redirect: string } | { html: string };

export interface LoginQuery {
  kind?: string;
  idp?: string;
  level?: string;
  returnTo?: string;
}

export interface AcsOutcome {
  location: string;
  session?: { id: string; csrfToken: string };
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

function decodeForLog(samlResponse: unknown): string | null {
  if (typeof samlResponse !== 'string' || samlResponse.length === 0) return null;
  try {
    return Buffer.from(samlResponse, 'base64').toString('utf8').slice(0, 200_000);
  } catch {
    return null;
  }
}

/** The SAML Service Provider use cases: start a login, accept its Response at the ACS, single logout both ways. */
@Injectable()
export class LoginService implements OnModuleDestroy {
  private readonly logger: ReturnType<typeof createLogger>;
  private readonly validator: Pick<SpidResponseValidator, 'validate'>;
  private readonly pool?: ValidationPool;

  constructor(
    private readonly dataSource: DataSource,
    private readonly idps: IdentityProviders,
    private readonly requests: PgAuthnRequestStore,
    private readonly citizens: CitizensService,
    private readonly sessions: SessionsService,
    private readonly spidLog: SpidLogService,
    @Inject(SP_CONFIG) private readonly sp: SpConfig,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.logger = createLogger('identity.login', env.LOG_LEVEL);
    const clockSkewMs = env.SAML_CLOCK_SKEW_SECONDS * 1000;
    if (env.SAML_VALIDATION_WORKERS > 0 && ValidationPool.available()) {
      this.pool = new ValidationPool(
        env.SAML_VALIDATION_WORKERS,
        { sp: { entityId: sp.entityId, acsUrl: sp.acsUrl }, clockSkewMs },
        requests,
        () => idps.snapshot(),
      );
      this.validator = this.pool;
    } else {
      this.validator = new SpidResponseValidator({ sp, idps: idps.registry, requests, clockSkewMs });
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.close();
  }

  /** GET /login: a signed AuthnRequest for the chosen IdP (Redirect binding when the IdP offers it). */
  async startLogin(query: LoginQuery): Promise<BrowserStep> {
    const kind = (query.kind ?? 'spid') as IdpKind;
    if (!['spid', 'cie', 'cps'].includes(kind) || !query.idp) {
      return {
        redirect: portalUrl(
          this.env.PUBLIC_URL,
          errorLocation(SamlErrorCode.UNKNOWN_IDP, "Scegli un gestore dell'identità digitale."),
        ),
      };
    }
    const idp = this.idps.forKind(query.idp, kind);
    if (!idp) {
      return {
        redirect: portalUrl(
          this.env.PUBLIC_URL,
          errorLocation(SamlErrorCode.UNKNOWN_IDP, "Il gestore dell'identità digitale scelto non è disponibile."),
        ),
      };
    }
    const levelNumber = /^[123]$/.test(query.level ?? '') ? Number(query.level) : this.env.SPID_DEFAULT_LEVEL;
    const level = `L${levelNumber}` as SpidLevel;
    const binding = idp.sso.redirect ? 'HTTP-Redirect' : 'HTTP-POST';
    const request = createAuthnRequest({
      sp: this.sp,
      destination: binding === 'HTTP-Redirect' ? idp.sso.redirect! : idp.sso.post!,
      level,
      binding,
    });
    await this.requests.save(
      request.id,
      {
        idp: idp.entityId,
        level,
        comparison: request.comparison,
        issuedAt: request.issuedAt,
        expiresAt: new Date(Date.now() + this.env.AUTHN_REQUEST_TTL_SECONDS * 1000),
        relayState: request.relayState,
      },
      { idpKind: kind, returnTo: safeReturnTo(query.returnTo), requestXml: request.xml },
    );
    if (request.redirectUrl) return { redirect: request.redirectUrl };
    return { html: postBindingForm(request.post!, { title: "Reindirizzamento al gestore dell'identità digitale" }) };
  }

  /**
   * POST /saml/acs: the strict SPID validation, then — in one transaction — the citizen upsert (events through the
   * outbox), a new session and the register row. Any refusal: a register row, no session, the error page.
   */
  async acs(body: Record<string, unknown> | undefined): Promise<AcsOutcome> {
    const samlResponse = typeof body?.SAMLResponse === 'string' ? body.SAMLResponse : '';
    const relayState = typeof body?.RelayState === 'string' ? body.RelayState : undefined;
    const responseXml = decodeForLog(samlResponse);
    try {
      const result = await this.validator.validate({ SAMLResponse: samlResponse, RelayState: relayState });
      const pending = await this.requests.find(result.requestId);
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
      const kind = pending?.idpKind ?? result.idpKind;
      const csrfToken = newOpaqueToken();
      const session = await this.dataSource.transaction(async (manager) => {
        await this.citizens.recordLoginIn(manager, result.citizen.fiscalNumber, {
          ...anagrafica,
          nome: anagrafica.nome!,
          cognome: anagrafica.cognome!,
          source: idp && this.idps.isDevIdp(idp) ? 'dev' : kind,
        });
        const created = await this.sessions.create(
          {
            codiceFiscale: result.citizen.fiscalNumber,
            idp: result.idp,
            idpKind: kind,
            spidLevel: result.level,
            nameId: result.nameId,
            nameQualifier: result.nameQualifier,
            sessionIndex: result.sessionIndex ?? null,
          },
          manager,
        );
        await this.spidLog.record(
          {
            requestId: result.requestId,
            responseId: result.responseId,
            requestIssueInstant: pending?.issuedAt,
            responseIssueInstant: result.issueInstant,
            idp: result.idp,
            codiceFiscale: result.citizen.fiscalNumber,
            level: result.level,
            outcome: 'success',
            requestXml: pending?.requestXml,
            responseXml,
          },
          manager,
        );
        return created;
      });
      return {
        location: portalUrl(this.env.PUBLIC_URL, pending?.returnTo ?? '/area-riservata'),
        session: { id: session.id, csrfToken },
      };
    } catch (err) {
      return this.refuse(err, responseXml);
    }
  }

  private async refuse(err: unknown, responseXml: string | null): Promise<AcsOutcome> {
    const refused = err instanceof SamlValidationError;
    const code = refused ? err.code : 'LOGIN_FAILED';
    const message = refused
      ? err.message
      : "Non è stato possibile completare l'accesso per un problema temporaneo. Riprovare più tardi.";
    const details = refused ? err.details : undefined;
    if (refused) this.logger.warn({ code, reason: err.reason, idp: details?.idp }, 'SAML Response refused');
    else this.logger.error({ err: (err as Error).message }, 'login failed');
    const pending = details?.requestId ? await this.requests.find(details.requestId).catch(() => undefined) : undefined;
    await this.spidLog
      .record({
        requestId: details?.requestId,
        responseId: details?.responseId,
        requestIssueInstant: pending?.issuedAt,
        idp: details?.idp ?? pending?.idp,
        level: pending?.level,
        outcome: refused ? 'refused' : 'error',
        errorCode: code,
        errorReason: refused ? err.reason : (err as Error).message,
        requestXml: pending?.requestXml,
        responseXml,
      })
      .catch((e: Error) => this.logger.error({ err: e.message }, 'SPID register write failed'));
    return { location: portalUrl(this.env.PUBLIC_URL, errorLocation(code, message)) };
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

  /** GET|POST /saml/slo: an IdP-initiated LogoutRequest, or the IdP's answer to ours. */
  async slo(inbound: InboundMessage, kind: 'SAMLRequest' | 'SAMLResponse'): Promise<BrowserStep> {
    if (kind === 'SAMLResponse') return this.sloResponse(inbound);
    const ctx = { sp: this.sp, idps: this.idps.registry, clockSkewMs: this.env.SAML_CLOCK_SKEW_SECONDS * 1000 };
    const request = readIdpLogoutRequest(inbound, ctx);
    const ended = await this.sessions.endByIdpLogin(request.idp.entityId, request.nameId, request.sessionIndexes);
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
    if (response.redirectUrl) return { redirect: response.redirectUrl };
    return { html: postBindingForm(response.post!, { title: 'Uscita in corso' }) };
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
