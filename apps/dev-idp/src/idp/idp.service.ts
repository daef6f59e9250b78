import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import { spidAttributesOf, type TestCitizen } from '@profila/embedded';
import type { DevIdpSettings } from '../config/dev-idp.env.js';
import { DEV_IDP_CITIZENS, DEV_IDP_CREDENTIALS, DEV_IDP_SETTINGS } from '../dev-idp.tokens.js';
import {
  buildResponse,
  idpMetadata,
  LEVELS,
  logoutResponseXml,
  readAuthnRequest,
  readLogoutRequest,
  type Level,
  type ReceivedAuthnRequest,
} from '../saml/idp-messages.js';
import { SpMetadataClient } from '../saml/sp-metadata.js';
import { redirectUrl, signXml, type Credentials, type DecodedMessage } from '../saml/xml.js';
import { autoPostPage, errorPage, homePage, loginPage, messagePage } from './pages.js';

/** What the login form posts back. */
export interface LoginForm {
  pending: string;
  outcome: 'login' | 'cancel';
  citizen?: string;
  fiscalNumber?: string;
  name?: string;
  familyName?: string;
  level?: string;
  anomaly?: string;
}

export type PageResult = { status: number; html: string } | { status: 302; location: string };

const PENDING_TTL_MS = 15 * 60_000;
const MAX_PENDING = 1000;
const ANOMALIES = new Set([19, 20, 21, 22, 23]);

/** The dev IdP's flows: receive an AuthnRequest, let the tester pick an identity, answer with a signed Response. */
@Injectable()
export class IdpService {
  private readonly logger: ReturnType<typeof createLogger>;
  private readonly pending = new Map<
    string,
    { request: ReceivedAuthnRequest; requested?: string[]; expiresAt: number }
  >();
  /** IdP sessions by SessionIndex, ended by single logout. */
  private readonly sessions = new Map<string, { spEntityId: string; nameId: string }>();
  private readonly spMetadata: SpMetadataClient;
  private readonly signedMetadata: string;

  constructor(
    @Inject(DEV_IDP_SETTINGS) private readonly settings: DevIdpSettings,
    @Inject(DEV_IDP_CREDENTIALS) private readonly credentials: Credentials,
    @Inject(DEV_IDP_CITIZENS) private readonly citizens: readonly TestCitizen[],
  ) {
    this.logger = createLogger('dev-idp', settings.env.LOG_LEVEL);
    this.spMetadata = new SpMetadataClient(settings.env.SP_METADATA_URL);
    this.signedMetadata = idpMetadata(settings, credentials);
  }

  metadata(): string {
    return this.signedMetadata;
  }

  async home(): Promise<string> {
    const { metadata, error } = await this.spMetadata.get();
    const status = metadata ? `${metadata.entityId} (metadati letti da ${this.settings.env.SP_METADATA_URL})` : error!;
    return homePage(this.citizens, `${this.settings.entityId}/metadata`, status);
  }

  get activeSessions(): number {
    return this.sessions.size;
  }

  async receiveAuthnRequest(decoded: DecodedMessage): Promise<PageResult> {
    const { metadata, error } = await this.spMetadata.get();
    if (error) this.logger.warn({ error }, 'SP metadata unavailable: AuthnRequest signature NOT verified');
    let request: ReceivedAuthnRequest;
    try {
      request = readAuthnRequest(decoded, this.settings, metadata, this.settings.env.SP_ACS_URL);
    } catch (err) {
      return { status: 400, html: errorPage('Richiesta non valida', [(err as Error).message]) };
    }
    if (request.problems.length > 0) {
      this.logger.warn({ sp: request.spEntityId, problems: request.problems }, 'AuthnRequest refused');
      return { status: 400, html: errorPage('Richiesta non valida', request.problems) };
    }
    this.purge();
    const pendingId = randomBytes(18).toString('base64url');
    this.pending.set(pendingId, {
      request,
      requested: metadata?.attributeServices.get(request.attributeIndex),
      expiresAt: Date.now() + PENDING_TTL_MS,
    });
    return { status: 200, html: loginPage({ pendingId, request, citizens: this.citizens, spWarning: error }) };
  }

  login(form: LoginForm): PageResult {
    const entry = this.pending.get(form.pending);
    if (!entry || entry.expiresAt < Date.now()) {
      return {
        status: 400,
        html: errorPage('Richiesta scaduta', ['Richiesta scaduta o già usata: ripartire dal servizio.']),
      };
    }
    const { request, requested } = entry;
    let subject: { attributes: Record<string, string>; level: Level } | undefined;
    let anomaly: number | undefined;
    if (form.outcome === 'cancel') {
      anomaly = 25;
    } else if (form.anomaly) {
      anomaly = Number(form.anomaly);
      if (!ANOMALIES.has(anomaly))
        return { status: 400, html: errorPage('Dati non validi', ['Anomalia sconosciuta.']) };
    } else {
      const level = LEVELS.find((l) => l === form.level) ?? request.level;
      const attributes = this.attributesFor(form);
      if (typeof attributes === 'string') return { status: 400, html: errorPage('Dati non validi', [attributes]) };
      const released = requested
        ? Object.fromEntries(Object.entries(attributes).filter(([name]) => requested.includes(name)))
        : attributes;
      subject = { attributes: released, level };
    }
    this.pending.delete(form.pending);
    const response = buildResponse(
      { request, subject, anomaly, ttlSeconds: this.settings.env.DEV_IDP_ASSERTION_TTL_SECONDS },
      this.settings,
      this.credentials,
    );
    if (response.sessionIndex && response.nameId) {
      this.sessions.set(response.sessionIndex, { spEntityId: request.spEntityId, nameId: response.nameId });
    }
    this.logger.info(
      {
        sp: request.spEntityId,
        requestId: request.id,
        outcome: subject ? `login ${subject.level}` : `anomaly ${anomaly}`,
      },
      'response sent',
    );
    return {
      status: 200,
      html: autoPostPage('Ritorno al servizio', request.acsUrl!, {
        SAMLResponse: Buffer.from(response.xml, 'utf8').toString('base64'),
        RelayState: request.relayState,
      }),
    };
  }

  /** Single logout started by the SP: end the IdP session and answer with a signed LogoutResponse. */
  async receiveLogoutRequest(decoded: DecodedMessage): Promise<PageResult> {
    const { metadata, error } = await this.spMetadata.get();
    if (!metadata) {
      return {
        status: 502,
        html: errorPage('Logout non possibile', [`Metadati del Service Provider non disponibili: ${error}`]),
      };
    }
    let logout;
    try {
      logout = readLogoutRequest(decoded, metadata);
    } catch (err) {
      return { status: 400, html: errorPage('Richiesta non valida', [(err as Error).message]) };
    }
    if (logout.signature !== 'verified') {
      return {
        status: 400,
        html: errorPage('Richiesta non valida', [`Firma della LogoutRequest ${logout.signature}`]),
      };
    }
    if (logout.spEntityId !== metadata.entityId) {
      return { status: 400, html: errorPage('Richiesta non valida', [`Issuer ${logout.spEntityId} sconosciuto`]) };
    }
    if (logout.sessionIndex) this.sessions.delete(logout.sessionIndex);
    this.logger.info({ sp: logout.spEntityId, requestId: logout.id }, 'single logout');
    if (metadata.slo.post) {
      const xml = signXml(
        logoutResponseXml(this.settings, metadata.slo.post, logout.id, true),
        'LogoutResponse',
        this.credentials,
      );
      return {
        status: 200,
        html: autoPostPage('Uscita in corso', metadata.slo.post, {
          SAMLResponse: Buffer.from(xml, 'utf8').toString('base64'),
          RelayState: logout.relayState,
        }),
      };
    }
    if (metadata.slo.redirect) {
      const xml = logoutResponseXml(this.settings, metadata.slo.redirect, logout.id, true);
      return {
        status: 302,
        location: redirectUrl('SAMLResponse', xml, metadata.slo.redirect, this.credentials, logout.relayState),
      };
    }
    return { status: 200, html: messagePage('Uscita completata', 'Sessione chiusa presso il Dev IdP.') };
  }

  private attributesFor(form: LoginForm): Record<string, string> | string {
    if (form.citizen && form.citizen !== 'custom') {
      const citizen = this.citizens.find((c) => c.id === form.citizen);
      return citizen ? spidAttributesOf(citizen) : 'Cittadino di prova sconosciuto.';
    }
    const fiscalNumber = (form.fiscalNumber ?? '').replace(/\s+/g, '').toUpperCase();
    const name = (form.name ?? '').trim();
    const familyName = (form.familyName ?? '').trim();
    if (!/^[A-Z0-9]{11,16}$/.test(fiscalNumber)) return 'Inserire un codice fiscale (11-16 caratteri alfanumerici).';
    if (!name || !familyName) return 'Inserire nome e cognome.';
    return {
      spidCode: `DEVI${fiscalNumber.slice(0, 6)}`,
      name,
      familyName,
      fiscalNumber: `TINIT-${fiscalNumber}`,
    };
  }

  private purge(): void {
    const now = Date.now();
    for (const [id, entry] of this.pending) if (entry.expiresAt < now) this.pending.delete(id);
    while (this.pending.size >= MAX_PENDING) this.pending.delete(this.pending.keys().next().value!);
  }
}
