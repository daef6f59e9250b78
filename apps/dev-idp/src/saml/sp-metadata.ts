import { all, attr, BINDING_POST, BINDING_REDIRECT, one, parseXml, text } from './xml.js';

/** What the dev IdP needs to know of the Service Provider. */
export interface SpMetadata {
  entityId: string;
  authnRequestsSigned: boolean;
  signingCertificates: string[];
  /** AssertionConsumerService Location by index (HTTP-POST only: that is how Responses travel). */
  acs: Map<number, string>;
  defaultAcsIndex?: number;
  slo: { post?: string; redirect?: string };
  /** RequestedAttribute names by AttributeConsumingService index. */
  attributeServices: Map<number, string[]>;
}

export function parseSpMetadata(xml: string): SpMetadata {
  const doc = parseXml(xml);
  const entity = doc.documentElement!;
  const entityId = attr(entity, 'entityID');
  const sp = one('./md:SPSSODescriptor', entity);
  if (!entityId || !sp) throw new Error('not SP metadata');
  const acs = new Map<number, string>();
  let defaultAcsIndex: number | undefined;
  for (const service of all('./md:AssertionConsumerService', sp)) {
    const location = attr(service, 'Location');
    if (!location || attr(service, 'Binding') !== BINDING_POST) continue;
    const index = Number(attr(service, 'index') ?? acs.size);
    acs.set(index, location);
    if (attr(service, 'isDefault') === 'true') defaultAcsIndex = index;
  }
  const slo: SpMetadata['slo'] = {};
  for (const service of all('./md:SingleLogoutService', sp)) {
    const location = attr(service, 'ResponseLocation') ?? attr(service, 'Location');
    if (attr(service, 'Binding') === BINDING_POST) slo.post ??= location;
    if (attr(service, 'Binding') === BINDING_REDIRECT) slo.redirect ??= location;
  }
  const attributeServices = new Map<number, string[]>();
  for (const service of all('./md:AttributeConsumingService', sp)) {
    attributeServices.set(
      Number(attr(service, 'index') ?? 0),
      all('./md:RequestedAttribute', service).map((a) => attr(a, 'Name') ?? ''),
    );
  }
  return {
    entityId,
    authnRequestsSigned: attr(sp, 'AuthnRequestsSigned') === 'true',
    signingCertificates: all('./md:KeyDescriptor', sp)
      .filter((kd) => (attr(kd, 'use') ?? 'signing') === 'signing')
      .flatMap((kd) => all('./ds:KeyInfo/ds:X509Data/ds:X509Certificate', kd))
      .map((c) => text(c) ?? '')
      .filter(Boolean),
    acs,
    defaultAcsIndex,
    slo,
    attributeServices,
  };
}

/** Reads the SP metadata from its URL, cached briefly; when unreachable says why instead of failing. */
export class SpMetadataClient {
  private cached?: { at: number; metadata: SpMetadata };

  constructor(
    private readonly url: string,
    private readonly ttlMs = 30_000,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  async get(): Promise<{ metadata?: SpMetadata; error?: string }> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return { metadata: this.cached.metadata };
    try {
      const response = await this.fetchFn(this.url, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) return { error: `${this.url} risponde HTTP ${response.status}` };
      const metadata = parseSpMetadata(await response.text());
      this.cached = { at: Date.now(), metadata };
      return { metadata };
    } catch (err) {
      return { error: `${this.url} non raggiungibile o non valido (${(err as Error).message})` };
    }
  }
}
