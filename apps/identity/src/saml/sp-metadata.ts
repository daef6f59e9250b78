import { createHash } from 'node:crypto';
import { ATTRNAME_FORMAT_BASIC, BINDING, NAMEID_FORMAT, NS, PROTOCOL } from './saml-constants.js';
import type { SpBillingContact, SpConfig, SpContact } from './sp-config.js';
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

function optional(tag: string, value: string | undefined, indent: string): string {
  return value ? `\n${indent}<${tag}>${escapeXml(value)}</${tag}>` : '';
}

/** Avviso SPID n.29: the party AgID invoices a private SP, as fpa:CessionarioCommittente. */
function billingContact(billing: SpBillingContact): string {
  const i = '            ';
  const idFiscale = billing.vatNumber
    ? `\n${i}<fpa:IdFiscaleIVA>\n${i}  <fpa:IdPaese>IT</fpa:IdPaese>\n${i}  <fpa:IdCodice>${escapeXml(billing.vatNumber.replace(/^IT/i, ''))}</fpa:IdCodice>\n${i}</fpa:IdFiscaleIVA>`
    : '';
  const sede = billing.sede;
  return `  <md:ContactPerson contactType="billing">
    <md:Extensions xmlns:fpa="${NS.fpa}">
      <fpa:CessionarioCommittente>
        <fpa:DatiAnagrafici>${idFiscale}${optional('fpa:CodiceFiscale', billing.fiscalCode, i)}
            <fpa:Anagrafica>
              <fpa:Denominazione>${escapeXml(billing.company)}</fpa:Denominazione>
            </fpa:Anagrafica>
        </fpa:DatiAnagrafici>
        <fpa:Sede>
          <fpa:Indirizzo>${escapeXml(sede.indirizzo)}</fpa:Indirizzo>${optional('fpa:NumeroCivico', sede.numeroCivico, '          ')}
          <fpa:CAP>${escapeXml(sede.cap)}</fpa:CAP>
          <fpa:Comune>${escapeXml(sede.comune)}</fpa:Comune>${optional('fpa:Provincia', sede.provincia, '          ')}
          <fpa:Nazione>${escapeXml(sede.nazione)}</fpa:Nazione>
        </fpa:Sede>
      </fpa:CessionarioCommittente>
    </md:Extensions>
    <md:Company>${escapeXml(billing.company)}</md:Company>
    <md:EmailAddress>${escapeXml(billing.email)}</md:EmailAddress>${optional('md:TelephoneNumber', billing.telephone, '    ')}
  </md:ContactPerson>`;
}

/**
 * Profila's SP metadata as the SPID rules (and Avviso n.29) want it: AuthnRequestsSigned and WantAssertionsSigned,
 * a signing KeyDescriptor, SingleLogoutService, ACS index 0 default (HTTP-POST), AttributeConsumingService index 0,
 * Organization in Italian, ContactPerson "other" with the SPID extensions (and "billing" for a private SP); signed (RSA-SHA256, exclusive c14n,
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
${contactPerson(config.contact, org.name)}${config.contact.type === 'private' && config.billing ? `\n${billingContact(config.billing)}` : ''}
</md:EntityDescriptor>`;
  return signEnveloped(xml, config.credentials, { elementLocalName: 'EntityDescriptor', placement: 'first-child' });
}
