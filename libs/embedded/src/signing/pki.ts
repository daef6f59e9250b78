/**
 * Development and test PKI: a CA, signer certificates shaped like Italian qualified signature certificates (subject
 * serialNumber `TINIT-<CF>`, givenName, surname, nonRepudiation), and signing of a PDF as CAdES (`.p7m`, attached)
 * or PAdES (signature dictionary inside the PDF, incremental update). The tests generate their own CAs with it (through
 * @profila/testing); the embedded run mode keeps one development CA per data directory (dev-ca.ts) that its
 * document-store trusts, and `npm run dev:sign` signs with it. Nothing here is trusted outside the embedded mode.
 *
 * Keys come from node's crypto (native RSA key generation; pure-JS keygen would take seconds), certificates are
 * assembled with node-forge, CMS structures with pkijs.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFString } from 'pdf-lib';
import * as pkijs from 'pkijs';

export interface TestCertificate {
  pem: string;
  der: Uint8Array;
  privateKey: KeyObject;
  /** Certificates above this one, issuer first (empty for a root). */
  chain: TestCertificate[];
}

export type TestCa = TestCertificate;

export interface TestSigner extends TestCertificate {
  codiceFiscale: string | null;
  givenName: string;
  surname: string;
}

export interface TestCaOptions {
  commonName?: string;
  organization?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** Makes an intermediate CA issued by this one. */
  issuer?: TestCa;
}

export interface SignerCertificateOptions {
  givenName: string;
  surname: string;
  /** null: a certificate without codice fiscale (e.g. a foreign signer). */
  codiceFiscale: string | null;
  /** How the CF appears in the subject serialNumber: `TINIT-<CF>` (default, ETSI), `IT:<CF>` (older CNS) or bare. */
  serialNumberFormat?: 'TINIT' | 'IT' | 'plain';
  notBefore?: Date;
  notAfter?: Date;
  /** Adds the ETSI QcCompliance statement of a qualified certificate (default true). */
  qualified?: boolean;
}

export interface CadesOptions {
  signingTime?: Date;
  /** `der` (default), bare `base64`, or a `pem` block. */
  encoding?: 'der' | 'base64' | 'pem';
  /** BER with indefinite lengths and a chunked content, as some Italian signing tools write (default false). */
  ber?: boolean;
}

export interface PadesOptions {
  signingTime?: Date;
  /**
   * Rewrites the whole file before signing (as some tools do) instead of appending an incremental update:
   * the original bytes are then no longer a prefix of the signed file.
   */
  rewrite?: boolean;
  reason?: string;
  location?: string;
}

const DAY = 24 * 60 * 60 * 1000;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  qcStatements: '1.3.6.1.5.5.7.1.3',
  qcCompliance: '0.4.0.1862.1.1',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  surname: '2.5.4.4',
  dnQualifier: '2.5.4.46',
} as const;
const CONTENTS_PLACEHOLDER_BYTES = 8192;
const cryptoEngine = new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto });

/** A self-signed root CA, or an intermediate CA when `issuer` is given. */
export function createTestCa(options: TestCaOptions = {}): TestCa {
  const now = Date.now();
  const subject = [
    { name: 'countryName', value: 'IT' },
    { name: 'organizationName', value: options.organization ?? 'Profila Test Trust Service Provider' },
    { name: 'commonName', value: options.commonName ?? 'Profila Test Qualified CA' },
  ];
  return issue({
    subject,
    issuer: options.issuer,
    notBefore: options.notBefore ?? new Date(now - 365 * DAY),
    notAfter: options.notAfter ?? new Date(now + 10 * 365 * DAY),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
}

/** A natural person's signature certificate issued by `ca`. */
export function issueSignerCertificate(ca: TestCa, options: SignerCertificateOptions): TestSigner {
  const now = Date.now();
  const cf = options.codiceFiscale;
  const subject: forge.pki.CertificateField[] = [
    { name: 'countryName', value: 'IT' },
    { type: OID.givenName, value: options.givenName.toUpperCase() },
    { type: OID.surname, value: options.surname.toUpperCase() },
    { name: 'commonName', value: `${options.givenName} ${options.surname}`.toUpperCase() },
    { type: OID.dnQualifier, value: randomBytes(6).toString('hex').toUpperCase() },
  ];
  if (cf) {
    const format = options.serialNumberFormat ?? 'TINIT';
    const value = format === 'TINIT' ? `TINIT-${cf}` : format === 'IT' ? `IT:${cf}` : cf;
    subject.push({
      type: OID.serialNumber,
      value,
      valueTagClass: forge.asn1.Type.PRINTABLESTRING as unknown as forge.asn1.Class,
    });
  }
  const extensions: unknown[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', nonRepudiation: true, critical: true },
  ];
  if (options.qualified ?? true) extensions.push(qcComplianceExtension());
  const certificate = issue({
    subject,
    issuer: ca,
    notBefore: options.notBefore ?? new Date(now - 30 * DAY),
    notAfter: options.notAfter ?? new Date(now + 3 * 365 * DAY),
    extensions,
  });
  return { ...certificate, codiceFiscale: cf, givenName: options.givenName, surname: options.surname };
}

/** PEM bundle of certificates (e.g. to write a trust-list file). */
export function toPemBundle(certificates: readonly TestCertificate[]): string {
  return certificates.map((c) => c.pem).join('');
}

/** Signs `content` as a CAdES-BES attached envelope (what a `.p7m` file holds). */
export async function signCades(
  content: Uint8Array,
  signer: TestSigner,
  options: CadesOptions = {},
): Promise<Uint8Array> {
  const signedData = await buildSignedData(content, signer, {
    signingTime: options.signingTime ?? new Date(),
    attached: true,
  });
  let der: Uint8Array;
  if (options.ber) {
    der = toIndefiniteBer(signedData, content);
  } else {
    const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    der = new Uint8Array(contentInfo.toSchema().toBER());
  }
  const encoding = options.encoding ?? 'der';
  if (encoding === 'der') return der;
  const base64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\r\n');
  const text = encoding === 'pem' ? `-----BEGIN PKCS7-----\r\n${base64}\r\n-----END PKCS7-----\r\n` : `${base64}\r\n`;
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/**
 * Signs a PDF as PAdES (SubFilter ETSI.CAdES.detached): appends, as an incremental update, a signature field whose
 * signature dictionary holds /ByteRange and a detached CMS in /Contents covering every byte except /Contents.
 */
export async function signPades(pdf: Uint8Array, signer: TestSigner, options: PadesOptions = {}): Promise<Uint8Array> {
  const signingTime = options.signingTime ?? new Date();
  const base = options.rewrite ? await rewritePdf(pdf, signingTime) : pdf;
  const doc = await PDFDocument.load(base, { updateMetadata: false });
  const context = doc.context;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const page = doc.getPage(0);
  const pageRef = page.ref;
  let next = context.largestObjectNumber + 1;
  const sigRef = PDFRef.of(next++);
  const widgetRef = PDFRef.of(next++);

  const pageDict = page.node.clone(context);
  const existingAnnots = pageDict.lookup(PDFName.of('Annots'));
  const annots = existingAnnots instanceof PDFArray ? existingAnnots.clone(context) : context.obj([]);
  annots.push(widgetRef);
  pageDict.set(PDFName.of('Annots'), annots);

  const catalog = (context.lookup(catalogRef) as PDFDict).clone(context);
  const acroForm = catalog.lookup(PDFName.of('AcroForm'));
  const fields = acroForm instanceof PDFDict ? acroForm.lookup(PDFName.of('Fields')) : undefined;
  const allFields = fields instanceof PDFArray ? [...fields.asArray(), widgetRef] : [widgetRef];
  catalog.set(PDFName.of('AcroForm'), context.obj({ Fields: allFields, SigFlags: 3 }));

  const widget = context.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    F: 132,
    T: PDFString.of(`Firma${allFields.length}`),
    V: sigRef,
    P: pageRef,
  });

  const byteRangePlaceholder = '[0 0000000000 0000000000 0000000000]';
  const sigDict =
    `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /ETSI.CAdES.detached\n/ByteRange ${byteRangePlaceholder}\n` +
    `/Contents <${'0'.repeat(CONTENTS_PLACEHOLDER_BYTES * 2)}>\n/M (${pdfDate(signingTime)})\n` +
    `/Reason (${options.reason ?? 'Firma digitale della dichiarazione'})\n/Location (${options.location ?? 'Italia'})\n>>`;

  const file = appendUpdate(base, doc, next, [
    [sigRef, sigDict],
    [widgetRef, widget.toString()],
    [pageRef, pageDict.toString()],
    [catalogRef, catalog.toString()],
  ]);

  const text = file.toString('latin1');
  const contentsStart = text.lastIndexOf('/Contents <') + '/Contents '.length;
  const contentsEnd = text.indexOf('>', contentsStart) + 1;
  const byteRange = [0, contentsStart, contentsEnd, file.length - contentsEnd];
  const byteRangeAt = text.lastIndexOf(byteRangePlaceholder);
  file.write(`[${byteRange.join(' ')}]`.padEnd(byteRangePlaceholder.length, ' '), byteRangeAt, 'latin1');

  const signedBytes = Buffer.concat([file.subarray(0, contentsStart), file.subarray(contentsEnd)]);
  const signedData = await buildSignedData(signedBytes, signer, { signingTime: null, attached: false });
  const cms = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) })
    .toSchema()
    .toBER();
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > CONTENTS_PLACEHOLDER_BYTES * 2)
    throw new Error('CMS signature larger than the /Contents placeholder');
  file.write(hex, contentsStart + 1, 'latin1');
  return new Uint8Array(file);
}

/**
 * Appends to a (signed) PDF an incremental update that writes `text` over page 1, as someone altering a signed
 * document would: the bytes covered by the signature stay intact, what a reader sees changes.
 */
export async function appendPageText(pdf: Uint8Array, text: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const page = doc.getPage(0);
  let next = context.largestObjectNumber + 1;
  const fontRef = PDFRef.of(next++);
  const streamRef = PDFRef.of(next++);
  const pageDict = page.node.clone(context);
  const resources = (page.node.Resources() ?? context.obj({})).clone(context);
  const fonts = resources.lookup(PDFName.of('Font'));
  const fontDict = fonts instanceof PDFDict ? fonts.clone(context) : context.obj({});
  fontDict.set(PDFName.of('FAlt'), fontRef);
  resources.set(PDFName.of('Font'), fontDict);
  pageDict.set(PDFName.of('Resources'), resources);
  const contents = page.node.get(PDFName.of('Contents'));
  const previous = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  pageDict.set(PDFName.of('Contents'), context.obj([...previous, streamRef]));
  const content = `BT /FAlt 28 Tf 1 0 0 rg 80 420 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  return new Uint8Array(
    appendUpdate(pdf, doc, next, [
      [fontRef, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'],
      [streamRef, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`],
      [page.ref, pageDict.toString()],
    ]),
  );
}

/**
 * Appends an incremental update that changes nothing on the pages (a document security store, as signing tools add
 * with validation data after a signature).
 */
export async function appendValidationData(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const context = doc.context;
  const catalogRef = context.trailerInfo.Root as PDFRef;
  const next = context.largestObjectNumber + 1;
  const dssRef = PDFRef.of(next);
  const catalog = (context.lookup(catalogRef) as PDFDict).clone(context);
  catalog.set(PDFName.of('DSS'), dssRef);
  return new Uint8Array(
    appendUpdate(pdf, doc, next + 1, [
      [dssRef, '<< /Type /DSS /Certs [] /OCSPs [] /CRLs [] >>'],
      [catalogRef, catalog.toString()],
    ]),
  );
}

/** Writes objects (new or redefined) after the existing bytes with a classic xref section chained by /Prev. */
function appendUpdate(base: Uint8Array, doc: PDFDocument, size: number, objects: [PDFRef, string][]): Buffer {
  const context = doc.context;
  let update = '\n';
  const offsets = new Map<number, number>();
  for (const [ref, body] of objects) {
    offsets.set(ref.objectNumber, base.length + update.length);
    update += `${ref.objectNumber} ${ref.generationNumber} obj\n${body}\nendobj\n`;
  }
  const xrefOffset = base.length + update.length;
  update += 'xref\n0 1\n0000000000 65535 f\r\n';
  for (const [ref] of [...objects].sort((a, b) => a[0].objectNumber - b[0].objectNumber)) {
    const offset = String(offsets.get(ref.objectNumber)).padStart(10, '0');
    update += `${ref.objectNumber} 1\n${offset} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`;
  }
  const trailer = context.obj({ Size: size, Root: context.trailerInfo.Root, Prev: lastStartXref(base) });
  if (context.trailerInfo.Info) trailer.set(PDFName.of('Info'), context.trailerInfo.Info);
  if (context.trailerInfo.ID) trailer.set(PDFName.of('ID'), context.trailerInfo.ID);
  update += `trailer\n${trailer.toString()}\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.concat([Buffer.from(base), Buffer.from(update, 'latin1')]);
}

interface IssueRequest {
  subject: forge.pki.CertificateField[];
  issuer?: TestCertificate;
  notBefore: Date;
  notAfter: Date;
  extensions: unknown[];
}

function issue(request: IssueRequest): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Positive serial: first byte below 0x80.
  cert.serialNumber = `1${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = request.notBefore;
  cert.validity.notAfter = request.notAfter;
  cert.setSubject(request.subject);
  const issuerCert = request.issuer ? forge.pki.certificateFromPem(request.issuer.pem) : cert;
  cert.setIssuer(issuerCert.subject.attributes);
  const extensions = [...request.extensions, { name: 'subjectKeyIdentifier' }];
  if (request.issuer) {
    const issuerKeyId = issuerCert.getExtension('subjectKeyIdentifier') as { subjectKeyIdentifier?: string } | null;
    if (issuerKeyId?.subjectKeyIdentifier) {
      extensions.push({
        name: 'authorityKeyIdentifier',
        keyIdentifier: forge.util.hexToBytes(issuerKeyId.subjectKeyIdentifier),
      });
    }
  }
  cert.setExtensions(extensions);
  // Signed with node's native RSA rather than forge's pure-JS implementation.
  const signingKey = request.issuer?.privateKey ?? privateKey;
  cert.signatureOid = cert.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
  // getTBSCertificate is part of forge's API but missing from its type definitions.
  const pki = forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
  const tbs = forge.asn1.toDer(pki.getTBSCertificate(cert)).getBytes();
  cert.signature = sign('sha256', Buffer.from(tbs, 'latin1'), signingKey).toString('latin1');
  const pem = forge.pki.certificateToPem(cert);
  const der = new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'latin1'));
  const chain = request.issuer ? [request.issuer, ...request.issuer.chain] : [];
  return { pem, der, privateKey, chain };
}

function qcComplianceExtension(): { id: string; critical: boolean; value: string } {
  const { asn1 } = forge;
  const statements = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(OID.qcCompliance).getBytes()),
    ]),
  ]);
  return { id: OID.qcStatements, critical: false, value: asn1.toDer(statements).getBytes() };
}

async function buildSignedData(
  content: Uint8Array,
  signer: TestCertificate,
  options: { signingTime: Date | null; attached: boolean },
): Promise<pkijs.SignedData> {
  const certificate = pkijs.Certificate.fromBER(new Uint8Array(signer.der));
  const chain = signer.chain.map((c) => pkijs.Certificate.fromBER(new Uint8Array(c.der)));
  const digest = new Uint8Array(createHash('sha256').update(content).digest());
  const certHash = new Uint8Array(createHash('sha256').update(signer.der).digest());
  const attributes = [
    new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
    new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    // ESS signing-certificate-v2 (CAdES-BES): SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
    new pkijs.Attribute({
      type: OID.signingCertificateV2,
      values: [
        new asn1js.Sequence({
          value: [
            new asn1js.Sequence({
              value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: certHash })] })],
            }),
          ],
        }),
      ],
    }),
  ];
  if (options.signingTime) {
    attributes.push(
      new pkijs.Attribute({ type: OID.signingTime, values: [new asn1js.UTCTime({ valueDate: options.signingTime })] }),
    );
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: OID.data,
      ...(options.attached ? { eContent: new asn1js.OctetString({ valueHex: content }) } : {}),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
    certificates: [certificate, ...chain],
  });
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    signer.privateKey.export({ type: 'pkcs8', format: 'der' }),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  await signedData.sign(key, 0, 'SHA-256', undefined, cryptoEngine);
  return signedData;
}

/**
 * Re-encodes a signed envelope as BER: indefinite lengths for ContentInfo, SignedData and the encapsulated
 * content, whose OCTET STRING is split in 1000-byte chunks (what e.g. some smart-card signing tools produce).
 */
function toIndefiniteBer(signedData: pkijs.SignedData, content: Uint8Array): Uint8Array {
  const der = new Uint8Array((signedData.toSchema(true) as asn1js.Sequence).toBER());
  const parsed = asn1js.fromBER(der).result as asn1js.Sequence;
  const parts = parsed.valueBlock.value;
  const [version, digestAlgorithms, , ...rest] = parts;
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < content.length; i += 1000) chunks.push(content.subarray(i, i + 1000));
  const encoded = (node: asn1js.BaseBlock): Uint8Array => new Uint8Array(node.toBER());
  const chunked = concatBytes([
    Uint8Array.of(0x24, 0x80),
    ...chunks.map((c) => encoded(new asn1js.OctetString({ valueHex: c }))),
    Uint8Array.of(0, 0),
  ]);
  const encap = concatBytes([
    Uint8Array.of(0x30, 0x80),
    encoded(new asn1js.ObjectIdentifier({ value: OID.data })),
    Uint8Array.of(0xa0, 0x80),
    chunked,
    Uint8Array.of(0, 0, 0, 0),
  ]);
  const signedDataBer = concatBytes([
    Uint8Array.of(0x30, 0x80),
    encoded(version),
    encoded(digestAlgorithms),
    encap,
    ...rest.map(encoded),
    Uint8Array.of(0, 0),
  ]);
  return concatBytes([
    Uint8Array.of(0x30, 0x80),
    encoded(new asn1js.ObjectIdentifier({ value: OID.signedData })),
    Uint8Array.of(0xa0, 0x80),
    signedDataBer,
    Uint8Array.of(0, 0, 0, 0),
  ]);
}

async function rewritePdf(pdf: Uint8Array, at: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setProducer('Another PDF tool 2.0');
  doc.setModificationDate(at);
  return doc.save({ useObjectStreams: false });
}

function lastStartXref(pdf: Uint8Array): number {
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 1024))).toString('latin1');
  const matches = [...tail.matchAll(/startxref\s+(\d+)/g)];
  const last = matches.at(-1);
  if (!last) throw new Error('startxref not found');
  return Number(last[1]);
}

function pdfDate(date: Date): string {
  const iso = date.toISOString();
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
