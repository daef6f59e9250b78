/** Who a signature certificate names: Italian qualified certificates follow ETSI EN 319 412-2 and AgID rules. */
import { X509Certificate } from 'node:crypto';
import { isValidCodiceFiscale, normalizeCodiceFiscale } from '@profila/italian';
import * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';

export interface CertificateIdentity {
  commonName: string | null;
  givenName: string | null;
  surname: string | null;
  name: string | null;
  subjectSerialNumber: string | null;
  codiceFiscale: string | null;
  subject: string;
  issuer: string;
  serialNumber: string;
  qualified: boolean;
  nonRepudiation: boolean;
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'E',
};
const QC_STATEMENTS = '1.3.6.1.5.5.7.1.3';
const QC_COMPLIANCE = '0.4.0.1862.1.1';
const KEY_USAGE = '2.5.29.15';

/**
 * The codice fiscale in a certificate's subject serialNumber: `TINIT-<CF>` (ETSI semantics identifier, current
 * Italian qualified certificates), `IT:<CF>` (CNS and certificates issued under DigitPA rules 45/2009) or a bare CF.
 * Other identifiers (`PASIT-`, `IDCIT-`, foreign TINs) are not a codice fiscale: null.
 */
export function codiceFiscaleFromSerialNumber(value: string | null): string | null {
  if (!value) return null;
  const match = /^(?:TINIT-|IT:)?([A-Za-z0-9]{11}|[A-Za-z0-9]{16})$/i.exec(value.trim());
  if (!match) return null;
  const cf = normalizeCodiceFiscale(match[1]);
  return isValidCodiceFiscale(cf) ? cf : null;
}

export function certificateIdentity(certificate: pkijs.Certificate): CertificateIdentity {
  const subject = attributes(certificate.subject);
  const first = (oid: string): string | null => subject.find(([type]) => type === oid)?.[1] ?? null;
  const commonName = first('2.5.4.3');
  const givenName = first('2.5.4.42');
  const surname = first('2.5.4.4');
  const subjectSerialNumber = first('2.5.4.5');
  const extensionIds = new Set((certificate.extensions ?? []).map((e) => e.extnID));
  return {
    commonName,
    givenName,
    surname,
    name: givenName && surname ? `${givenName} ${surname}` : commonName,
    subjectSerialNumber,
    codiceFiscale: codiceFiscaleFromSerialNumber(subjectSerialNumber),
    subject: formatName(subject),
    issuer: formatName(attributes(certificate.issuer)),
    serialNumber: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
    qualified: extensionIds.has(QC_STATEMENTS) && hasQcCompliance(certificate),
    nonRepudiation: hasNonRepudiation(certificate),
  };
}

/** The same certificate for node's OpenSSL-backed X509 API (chain and validity checks). */
export function toX509(certificate: pkijs.Certificate): X509Certificate {
  return new X509Certificate(Buffer.from(certificate.toSchema(false).toBER()));
}

function attributes(name: pkijs.RelativeDistinguishedNames): [string, string][] {
  return name.typesAndValues.map((tv) => {
    const value = tv.value as unknown as { valueBlock: { value?: unknown } };
    return [tv.type, typeof value.valueBlock.value === 'string' ? value.valueBlock.value : ''];
  });
}

function formatName(attrs: [string, string][]): string {
  return attrs.map(([type, value]) => `${ATTRIBUTE_NAMES[type] ?? type}=${value}`).join(', ');
}

function hasQcCompliance(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === QC_STATEMENTS);
  if (!extension) return false;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.Sequence)) return false;
  return parsed.result.valueBlock.value.some((statement) => {
    const id = statement instanceof asn1js.Sequence ? statement.valueBlock.value[0] : undefined;
    return id instanceof asn1js.ObjectIdentifier && id.valueBlock.toString() === QC_COMPLIANCE;
  });
}

function hasNonRepudiation(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === KEY_USAGE);
  if (!extension) return false;
  const parsed = asn1js.fromBER(extension.extnValue.valueBlock.valueHexView);
  if (parsed.offset === -1 || !(parsed.result instanceof asn1js.BitString)) return false;
  const bits = parsed.result.valueBlock.valueHexView;
  // KeyUsage bit 1 (nonRepudiation / contentCommitment), most significant bit first.
  return bits.length > 0 && (bits[0] & 0x40) !== 0;
}
