/** Namespaces, URNs and algorithm identifiers of SAML 2.0 as profiled by the AgID SPID technical rules. */
export const NS = {
  samlp: 'urn:oasis:names:tc:SAML:2.0:protocol',
  saml: 'urn:oasis:names:tc:SAML:2.0:assertion',
  md: 'urn:oasis:names:tc:SAML:2.0:metadata',
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  spid: 'https://spid.gov.it/saml-extensions',
  /** Avviso SPID n.29: the billing contact's FatturaPA data. */
  fpa: 'https://spid.gov.it/invoicing-extensions',
  xs: 'http://www.w3.org/2001/XMLSchema',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
} as const;

export const PROTOCOL = NS.samlp;
export const SAML_VERSION = '2.0';

export const BINDING = {
  post: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
  redirect: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect',
} as const;
export type SamlBinding = 'HTTP-POST' | 'HTTP-Redirect';

export function bindingUrn(binding: SamlBinding): string {
  return binding === 'HTTP-POST' ? BINDING.post : BINDING.redirect;
}

export const NAMEID_FORMAT = {
  entity: 'urn:oasis:names:tc:SAML:2.0:nameid-format:entity',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
} as const;

export const ATTRNAME_FORMAT_BASIC = 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic';
export const CM_BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

export const STATUS = {
  success: 'urn:oasis:names:tc:SAML:2.0:status:Success',
  requester: 'urn:oasis:names:tc:SAML:2.0:status:Requester',
  responder: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
  versionMismatch: 'urn:oasis:names:tc:SAML:2.0:status:VersionMismatch',
  authnFailed: 'urn:oasis:names:tc:SAML:2.0:status:AuthnFailed',
  partialLogout: 'urn:oasis:names:tc:SAML:2.0:status:PartialLogout',
} as const;

/** Only the algorithms SPID admits: RSA with SHA-256 or SHA-512, exclusive canonicalisation. SHA-1 is refused. */
export const ALG = {
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  rsaSha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
  sha512: 'http://www.w3.org/2001/04/xmlenc#sha512',
  excC14n: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  enveloped: 'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
} as const;

export const ALLOWED_SIGNATURE_ALGORITHMS: readonly string[] = [ALG.rsaSha256, ALG.rsaSha512];
export const ALLOWED_DIGEST_ALGORITHMS: readonly string[] = [ALG.sha256, ALG.sha512];
export const ALLOWED_TRANSFORMS: readonly string[] = [ALG.enveloped, ALG.excC14n];
