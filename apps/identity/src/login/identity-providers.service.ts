import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createLogger } from '@profila/platform';
import type { IdentityEnv } from '../config/identity.env.js';
import { IDENTITY_ENV } from '../identity.tokens.js';
import { type IdpCertificateWarning, type IdpDescriptor, type IdpKind, IdpRegistry } from '../saml/index.js';
import { DEV_IDP_DISPLAY_NAME, idpSources } from './sp-setup.js';

export interface ListedIdp {
  entityId: string;
  name: string;
  kind: IdpKind;
  /** The local test IdP: never a real identity. */
  test?: boolean;
}

/**
 * The identity providers users may choose, from IDP_METADATA (and the dev IdP when enabled). A source that fails at
 * boot (the dev IdP may start after identity) is retried every few seconds until it loads, then everything is
 * refreshed every IDP_REFRESH_SECONDS.
 */
@Injectable()
export class IdentityProviders implements OnModuleInit, OnModuleDestroy {
  readonly registry: IdpRegistry;
  private readonly logger: ReturnType<typeof createLogger>;
  private retryTimer?: NodeJS.Timeout;
  private refreshTimer?: NodeJS.Timeout;
  /** Bumped at every refresh: validation workers get the new list when it changes. */
  private version = 0;
  private readonly devIdpUrl?: string;

  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {
    this.logger = createLogger('identity.idps', env.LOG_LEVEL);
    this.registry = new IdpRegistry(idpSources(env), {
      refuseExpiredCertificates: env.IDP_REFUSE_EXPIRED_CERTIFICATES,
      onError: (source, err) => this.logger.warn({ source, err: err.message }, 'IdP metadata not loaded'),
    });
    this.devIdpUrl = env.DEV_IDP_ENABLED ? `${env.DEV_IDP_URL}/metadata` : undefined;
  }

  async onModuleInit(): Promise<void> {
    const report = await this.refresh();
    if (report.failed.length > 0) this.retryUntilLoaded(2000);
    this.refreshTimer = setInterval(() => void this.refresh(), this.env.IDP_REFRESH_SECONDS * 1000);
    this.refreshTimer.unref();
  }

  onModuleDestroy(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private async refresh() {
    const report = await this.registry.refresh();
    this.version++;
    for (const warning of this.certificateWarnings()) {
      this.logger.warn(
        { ...warning, refused: warning.status === 'expired' && this.env.IDP_REFUSE_EXPIRED_CERTIFICATES },
        warning.status === 'expired' ? 'IdP certificate expired' : 'IdP certificate expires soon',
      );
    }
    return report;
  }

  /** Trusted IdP certificates expired or expiring within IDP_CERTIFICATE_WARNING_DAYS. */
  certificateWarnings(): IdpCertificateWarning[] {
    return this.registry.certificateWarnings(this.env.IDP_CERTIFICATE_WARNING_DAYS);
  }

  /** Every IdP as plain data, with a version that changes at each refresh. */
  snapshot(): { version: number; list: IdpDescriptor[] } {
    return { version: this.version, list: this.registry.list() };
  }

  private retryUntilLoaded(delayMs: number): void {
    this.retryTimer = setTimeout(() => {
      void this.refresh().then((report) => {
        if (report.failed.length > 0) this.retryUntilLoaded(Math.min(delayMs * 2, 30_000));
        else this.logger.info({ loaded: report.loaded }, 'IdP metadata loaded');
      });
    }, delayMs);
    this.retryTimer.unref();
  }

  isDevIdp(idp: IdpDescriptor): boolean {
    return this.devIdpUrl !== undefined && idp.source === this.devIdpUrl;
  }

  get(entityId: string): IdpDescriptor | undefined {
    return this.registry.get(entityId);
  }

  /** The IdP usable for a login of this kind (the dev IdP stands in for every kind). */
  forKind(entityId: string, kind: IdpKind): IdpDescriptor | undefined {
    const idp = this.registry.get(entityId);
    if (!idp) return undefined;
    return idp.kind === kind || this.isDevIdp(idp) ? idp : undefined;
  }

  list(kind?: IdpKind): ListedIdp[] {
    const all = this.registry.list();
    const out: ListedIdp[] = [];
    for (const idp of all) {
      if (this.isDevIdp(idp)) {
        const kinds: IdpKind[] = kind ? [kind] : ['spid', 'cie', 'cps'];
        for (const k of kinds) out.push({ entityId: idp.entityId, name: DEV_IDP_DISPLAY_NAME, kind: k, test: true });
      } else if (!kind || idp.kind === kind) {
        out.push({ entityId: idp.entityId, name: idp.displayName, kind: idp.kind });
      }
    }
    return out;
  }
}
