import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BINDING, NS } from './saml-constants.js';
import { verifyEnvelopedSignature } from './xml-signature.js';
import {
  attr,
  certificateToPem,
  childElements,
  parseSamlInstant,
  parseXml,
  selectElements,
  textOf,
  type XmlElement,
} from './xml.js';

export const IDP_KINDS = ['spid', 'cie', 'cps'] as const;
/** SPID identity providers, the CIE (Ministero dell'Interno) IdP, Carta Provinciale/Nazionale dei Servizi IdPs. */
export type IdpKind = (typeof IDP_KINDS)[number];

export interface BindingUrls {
  redirect?: string;
  post?: string;
}

/** An identity provider as its metadata describes it. */
export interface IdpDescriptor {
  entityId: string;
  kind: IdpKind;
  /** OrganizationDisplayName (Italian if present), or the configured name. */
  displayName: string;
  sso: BindingUrls;
  /** SingleLogoutService Location per binding. */
  slo: BindingUrls;
  /** SingleLogoutService ResponseLocation per binding, when different from Location. */
  sloResponse: BindingUrls;
  /** Certificates (PEM) of the `signing` (or unqualified) KeyDescriptors: the only keys we accept signatures from. */
  signingCertificates: string[];
  wantAuthnRequestsSigned: boolean;
  /** Where it came from (file path, URL or "inline"). */
  source: string;
  validUntil?: Date;
}

export class IdpMetadataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdpMetadataError';
  }
}

export interface ParseIdpMetadataOptions {
  kind: IdpKind;
  source?: string;
  /** Overrides the display name found in the metadata. */
  displayName?: string;
  /** When given, the metadata document must carry a valid signature by one of these certificates. */
  metadataSigningCertificates?: readonly string[];
  now?: Date;
}

function bindingUrls(services: XmlElement[], attribute: 'Location' | 'ResponseLocation'): BindingUrls {
  const urls: BindingUrls = {};
  for (const service of services) {
    const location = attr(service, attribute);
    if (!location) continue;
    const binding = attr(service, 'Binding');
    if (binding === BINDING.redirect) urls.redirect ??= location;
    if (binding === BINDING.post) urls.post ??= location;
  }
  return urls;
}

function describeEntity(entity: XmlElement, options: ParseIdpMetadataOptions): IdpDescriptor | undefined {
  const entityId = attr(entity, 'entityID');
  const idp = childElements(entity, NS.md, 'IDPSSODescriptor')[0];
  if (!entityId || !idp) return undefined;
  const signingCertificates = selectElements('./md:KeyDescriptor', idp)
    .filter((kd) => {
      const use = attr(kd, 'use');
      return use === undefined || use === 'signing';
    })
    .flatMap((kd) => selectElements('./ds:KeyInfo/ds:X509Data/ds:X509Certificate', kd))
    .map((el) => certificateToPem(textOf(el) ?? ''));
  if (signingCertificates.length === 0) throw new IdpMetadataError(`${entityId}: no signing certificate`);
  const sso = bindingUrls(childElements(idp, NS.md, 'SingleSignOnService'), 'Location');
  if (!sso.post && !sso.redirect) throw new IdpMetadataError(`${entityId}: no SingleSignOnService`);
  const sloServices = childElements(idp, NS.md, 'SingleLogoutService');
  const displayName =
    options.displayName ??
    textOf(
      selectElements('./md:Organization/md:OrganizationDisplayName', entity).find(
        (el) => attr(el, 'xml:lang') === 'it',
      ) ?? selectElements('./md:Organization/md:OrganizationDisplayName', entity)[0],
    ) ??
    entityId;
  const validUntil = parseSamlInstant(attr(entity, 'validUntil'));
  return {
    entityId,
    kind: options.kind,
    displayName,
    sso,
    slo: bindingUrls(sloServices, 'Location'),
    sloResponse: bindingUrls(sloServices, 'ResponseLocation'),
    signingCertificates,
    wantAuthnRequestsSigned: attr(idp, 'WantAuthnRequestsSigned') === 'true',
    source: options.source ?? 'inline',
    validUntil,
  };
}

/**
 * Reads IdP metadata: one `EntityDescriptor` or an `EntitiesDescriptor` (e.g. the AgID registry) holding many.
 * Entities without an IDPSSODescriptor are skipped. Expired metadata (validUntil) is refused.
 */
export function parseIdpMetadata(xml: string, options: ParseIdpMetadataOptions): IdpDescriptor[] {
  let doc;
  try {
    doc = parseXml(xml);
  } catch (err) {
    throw new IdpMetadataError(`unreadable metadata: ${(err as Error).message}`);
  }
  const root = doc.documentElement!;
  if (root.namespaceURI !== NS.md || !['EntityDescriptor', 'EntitiesDescriptor'].includes(root.localName ?? '')) {
    throw new IdpMetadataError('not SAML metadata');
  }
  if (options.metadataSigningCertificates) {
    try {
      verifyEnvelopedSignature(xml, root, options.metadataSigningCertificates);
    } catch (err) {
      throw new IdpMetadataError(`metadata signature: ${(err as Error).message}`);
    }
  }
  const now = options.now ?? new Date();
  const rootValidUntil = parseSamlInstant(attr(root, 'validUntil'));
  if (rootValidUntil && rootValidUntil.getTime() < now.getTime()) throw new IdpMetadataError('metadata expired');
  const entities = root.localName === 'EntityDescriptor' ? [root] : selectElements('.//md:EntityDescriptor', root);
  const idps = entities
    .map((entity) => describeEntity(entity, options))
    .filter((d): d is IdpDescriptor => d !== undefined)
    .filter((d) => !d.validUntil || d.validUntil.getTime() >= now.getTime());
  if (idps.length === 0) throw new IdpMetadataError('no identity provider in metadata');
  return idps;
}

/** Where to read an IdP's metadata from: exactly one of file, url or xml. */
export interface IdpSource {
  kind: IdpKind;
  file?: string;
  url?: string;
  xml?: string;
  displayName?: string;
  /** Certificates that must have signed the metadata (the AgID registry's, in production). */
  metadataSigningCertificates?: string[];
}

export interface IdpRefreshReport {
  loaded: string[];
  failed: Array<{ source: string; error: string }>;
}

export interface IdpRegistryOptions {
  /**
   * Drop expired signing certificates from the trusted ones (an IdP left with none is not loaded). Default false:
   * expired certificates are only reported by `certificateWarnings`.
   */
  refuseExpiredCertificates?: boolean;
  fetch?: typeof fetch;
  /** Per-URL timeout, default 10 s. */
  timeoutMs?: number;
  now?: () => Date;
  onError?: (source: string, error: Error) => void;
}

/** A trusted IdP certificate that has expired or expires soon. */
export interface IdpCertificateWarning {
  entityId: string;
  subject: string;
  notAfter: string;
  status: 'expired' | 'expiring';
  /** Whole days left (negative once expired). */
  daysLeft: number;
}

/** Expired or soon-expiring signing certificates of one IdP. */
export function certificateWarningsOf(idp: IdpDescriptor, now: Date, warningDays: number): IdpCertificateWarning[] {
  const out: IdpCertificateWarning[] = [];
  for (const pem of idp.signingCertificates) {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pem);
    } catch {
      continue;
    }
    const notAfter = new Date(cert.validTo);
    const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000);
    const expired = notAfter.getTime() <= now.getTime();
    if (!expired && daysLeft >= warningDays) continue;
    out.push({
      entityId: idp.entityId,
      subject: cert.subject.replace(/\n/g, ', '),
      notAfter: notAfter.toISOString(),
      status: expired ? 'expired' : 'expiring',
      daysLeft,
    });
  }
  return out;
}

function isExpired(pem: string, now: Date): boolean {
  try {
    return new Date(new X509Certificate(pem).validTo).getTime() <= now.getTime();
  } catch {
    return true;
  }
}

/** Inline sources are numbered: two of them must not replace each other's IdPs. */
function sourceName(source: IdpSource, index: number): string {
  return source.url ?? source.file ?? `inline:${index}`;
}

/**
 * The configured identity providers. Loads every source, keeps the last good version of a source whose refresh
 * fails (a registry outage must not stop logins), and answers lookups by entityID.
 */
export class IdpRegistry {
  private readonly bySource = new Map<string, IdpDescriptor[]>();
  private byEntityId = new Map<string, IdpDescriptor>();
  private refusedCertificates: IdpCertificateWarning[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly sources: readonly IdpSource[],
    private readonly options: IdpRegistryOptions = {},
  ) {}

  /** An in-memory registry of already parsed descriptors (tests, benchmark). */
  static of(idps: IdpDescriptor[]): IdpRegistry {
    const registry = new IdpRegistry([]);
    registry.bySource.set('static', idps);
    registry.reindex();
    return registry;
  }

  /** (Re)loads every source. */
  async refresh(): Promise<IdpRefreshReport> {
    const report: IdpRefreshReport = { loaded: [], failed: [] };
    await Promise.all(
      this.sources.map(async (source, index) => {
        const name = sourceName(source, index);
        try {
          const xml = await this.read(source);
          const idps = parseIdpMetadata(xml, {
            kind: source.kind,
            source: name,
            displayName: source.displayName,
            metadataSigningCertificates: source.metadataSigningCertificates,
            now: this.options.now?.(),
          });
          const trusted = this.options.refuseExpiredCertificates ? this.withoutExpired(idps, report, name) : idps;
          this.bySource.set(name, trusted);
          report.loaded.push(...trusted.map((i) => i.entityId));
        } catch (err) {
          report.failed.push({ source: name, error: (err as Error).message });
          this.options.onError?.(name, err as Error);
        }
      }),
    );
    this.reindex();
    return report;
  }

  /** Expired or soon-expiring certificates among the trusted IdPs' (and those already refused). */
  certificateWarnings(warningDays: number, now = this.options.now?.() ?? new Date()): IdpCertificateWarning[] {
    return [
      ...this.refusedCertificates,
      ...[...this.byEntityId.values()].flatMap((idp) => certificateWarningsOf(idp, now, warningDays)),
    ];
  }

  private withoutExpired(idps: IdpDescriptor[], report: IdpRefreshReport, source: string): IdpDescriptor[] {
    const now = this.options.now?.() ?? new Date();
    this.refusedCertificates = this.refusedCertificates.filter((w) => !idps.some((i) => i.entityId === w.entityId));
    const out: IdpDescriptor[] = [];
    for (const idp of idps) {
      const valid = idp.signingCertificates.filter((pem) => !isExpired(pem, now));
      if (valid.length < idp.signingCertificates.length) {
        this.refusedCertificates.push(...certificateWarningsOf(idp, now, 0).filter((w) => w.status === 'expired'));
      }
      if (valid.length === 0) {
        const error = `${idp.entityId}: every signing certificate has expired`;
        report.failed.push({ source, error });
        this.options.onError?.(source, new IdpMetadataError(error));
        continue;
      }
      out.push({ ...idp, signingCertificates: valid });
    }
    return out;
  }

  /** Refreshes periodically (the timer does not keep the process alive). */
  startAutoRefresh(intervalMs: number): void {
    this.stopAutoRefresh();
    this.timer = setInterval(() => void this.refresh(), intervalMs);
    this.timer.unref();
  }

  stopAutoRefresh(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  get(entityId: string): IdpDescriptor | undefined {
    return this.byEntityId.get(entityId);
  }

  list(kind?: IdpKind): IdpDescriptor[] {
    const all = [...this.byEntityId.values()];
    return (kind ? all.filter((i) => i.kind === kind) : all).sort((a, b) =>
      a.displayName.localeCompare(b.displayName, 'it'),
    );
  }

  private async read(source: IdpSource): Promise<string> {
    if (source.xml !== undefined) return source.xml;
    if (source.file) return readFile(source.file, 'utf8');
    if (source.url) {
      const response = await (this.options.fetch ?? fetch)(source.url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
      });
      if (!response.ok) throw new IdpMetadataError(`HTTP ${response.status}`);
      return response.text();
    }
    throw new IdpMetadataError('an IdP source needs file, url or xml');
  }

  private reindex(): void {
    const next = new Map<string, IdpDescriptor>();
    for (const idps of this.bySource.values()) for (const idp of idps) next.set(idp.entityId, idp);
    this.byEntityId = next;
  }
}
