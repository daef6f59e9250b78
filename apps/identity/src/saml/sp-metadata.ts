import { createHash } from 'node:crypto';
import { ATTRNAME_FORMAT_BASIC, BINDING, NAMEID_FORMAT, NS, PROTOCOL } from './saml-constants.js';
import type { SpConfig, SpContact } from './sp-config.js';
import { DEFAULT_REQUESTED_ATTRIBUTES } from './spid-attributes.js';
import { signEnveloped } from './xml-signature.js';
import { certificateBody, escapeXml } from './xml.js';

/** Deterministic metadata ID (an NCName), so that the signed document is stable for a given configuration. */
export function spMetadataId(entityId: string): string {
  return `_${createHash('sha256').update(entityId).digest('hex').slice(0, 40)}`;
}

function contactPerson(contact: SpContact, organizationName: string): string {
  const extensions: string[] = [];
  let company = '';
  if (contact.type === 'public') {
    extensions.push(`<spid:IPACode>${escapeXml(contact.ipaCode)}</spid:IPACode>`, '<spid:Public/>');
  } else {
    if (contact.vatNumber) extensions.push(`<spid:VATNumber>${escapeXml(contact.vatNumber)}</spid:VATNumber>`);
    if (contact.fiscalCode) extensions.push(`<spid:FiscalCode>${escapeXml(contact.fiscalCode)}</spid:FiscalCode>`);
    extensions.push('<spid:Private/>');
    company = `\n    <md:Company>${escapeXml(contact.company ?? organizationName)}</md:Company>`;
  }
  const phone = contact.telephone
    ? `\n    <md:TelephoneNumber>${escapeXml(contact.telephone)}</md:TelephoneNumber>`
    : '';
  return `  <md:ContactPerson contactType="other">
    <md:Extensions>${extensions.join('')}</md:Extensions>${company}
    <md:EmailAddress>${escapeXml(contact.email)}</md:EmailAddress>${phone}
  </md:ContactPerson>`;
}

/**
 * Profila's SP metadata as the SPID rules (and Avviso n.29) want it: AuthnRequestsSigned and WantAssertionsSigned,
 * a signing KeyDescriptor, SingleLogoutService, ACS index 0 default (HTTP-POST), AttributeConsumingService index 0,
 * Organization in Italian, ContactPerson "other" with the SPID extensions; signed (RSA-SHA256, exclusive c14n,
 * with KeyInfo). node-saml's generator misses most of this, so we write our own.
 */
export function buildSpMetadata(config: SpConfig): string {
  const attributes = (config.requestedAttributes ?? DEFAULT_REQUESTED_ATTRIBUTES)
    .map((name) => `        <md:RequestedAttribute Name="${escapeXml(name)}" NameFormat="${ATTRNAME_FORMAT_BASIC}"/>`)
    .join('\n');
  const description = config.serviceDescription
    ? `\n        <md:ServiceDescription xml:lang="it">${escapeXml(config.serviceDescription)}</md:ServiceDescription>`
    : '';
  const org = config.organization;
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" xmlns:spid="${NS.spid}" entityID="${escapeXml(config.entityId)}" ID="${spMetadataId(config.entityId)}">
  <md:SPSSODescriptor protocolSupportEnumeration="${PROTOCOL}" AuthnRequestsSigned="true" WantAssertionsSigned="true">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo>
        <ds:X509Data>
          <ds:X509Certificate>${certificateBody(config.credentials.certificate)}</ds:X509Certificate>
        </ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:SingleLogoutService Binding="${BINDING.post}" Location="${escapeXml(config.sloUrl)}"/>
    <md:SingleLogoutService Binding="${BINDING.redirect}" Location="${escapeXml(config.sloUrl)}"/>
    <md:NameIDFormat>${NAMEID_FORMAT.transient}</md:NameIDFormat>
    <md:AssertionConsumerService index="0" isDefault="true" Binding="${BINDING.post}" Location="${escapeXml(config.acsUrl)}"/>
    <md:AttributeConsumingService index="0">
        <md:ServiceName xml:lang="it">${escapeXml(config.serviceName)}</md:ServiceName>${description}
${attributes}
    </md:AttributeConsumingService>
  </md:SPSSODescriptor>
  <md:Organization>
    <md:OrganizationName xml:lang="it">${escapeXml(org.name)}</md:OrganizationName>
    <md:OrganizationDisplayName xml:lang="it">${escapeXml(org.displayName)}</md:OrganizationDisplayName>
    <md:OrganizationURL xml:lang="it">${escapeXml(org.url)}</md:OrganizationURL>
  </md:Organization>
${contactPerson(config.contact, org.name)}
</md:EntityDescriptor>`;
  return signEnveloped(xml, config.credentials, { elementLocalName: 'EntityDescriptor', placement: 'first-child' });
}
