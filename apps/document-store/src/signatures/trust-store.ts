/**
 * Trust anchors for signature certificates: the CAs whose certificates we accept. Tests use a test CA; production
 * loads a file: a PEM bundle, or the Italian trusted list (ETSI TS 119 612 XML published by AgID, whose
 * X509Certificate elements are the qualified CAs).
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export interface ChainResult {
  trusted: boolean;
  /** Signer first, then each issuer up to the anchor when trusted (or as far as it could be built). */
  path: X509Certificate[];
}

const MAX_DEPTH = 8;

export class TrustStore {
  private constructor(readonly anchors: readonly X509Certificate[]) {}

  static empty(): TrustStore {
    return new TrustStore([]);
  }

  static fromCertificates(certificates: readonly (X509Certificate | Uint8Array | string)[]): TrustStore {
    return new TrustStore(
      certificates.map((c) =>
        c instanceof X509Certificate ? c : new X509Certificate(typeof c === 'string' ? c : Buffer.from(c)),
      ),
    );
  }

  /** Every certificate of a PEM bundle, or of the X509Certificate elements of an ETSI trusted list. */
  static parse(text: string): TrustStore {
    const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
    const fromXml = [
      ...text.matchAll(/<(?:[\w-]+:)?X509Certificate>\s*([A-Za-z0-9+/=\s]+?)\s*<\/(?:[\w-]+:)?X509Certificate>/g),
    ].map((m) => Buffer.from(m[1].replace(/\s+/g, ''), 'base64'));
    const unique = new Map<string, X509Certificate>();
    for (const cert of [...pems.map((p) => new X509Certificate(p)), ...fromXml.map((d) => new X509Certificate(d))]) {
      unique.set(cert.fingerprint256, cert);
    }
    return new TrustStore([...unique.values()]);
  }

  static async loadFile(path: string): Promise<TrustStore> {
    return TrustStore.parse(await readFile(path, 'utf8'));
  }

  get size(): number {
    return this.anchors.length;
  }

  /**
   * Builds the issuer chain of `leaf` with the certificates carried by the signature, checking each link's
   * signature (and that intermediates are CAs), until a trust anchor. Validity dates are checked elsewhere:
   * an expired signer is reported as expired, not as untrusted.
   */
  buildChain(leaf: X509Certificate, intermediates: readonly X509Certificate[]): ChainResult {
    const path = [leaf];
    let current = leaf;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (this.anchors.some((anchor) => anchor.fingerprint256 === current.fingerprint256))
        return { trusted: true, path };
      const anchor = this.anchors.find((a) => issuedBy(current, a));
      if (anchor) return { trusted: true, path: [...path, anchor] };
      const issuer = intermediates.find(
        (i) => i.ca && !path.some((p) => p.fingerprint256 === i.fingerprint256) && issuedBy(current, i),
      );
      if (!issuer) return { trusted: false, path };
      path.push(issuer);
      current = issuer;
    }
    return { trusted: false, path };
  }
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
