import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCodiceFiscale } from '@profila/italian';
import {
  appendPageText,
  appendValidationData,
  createTestCa,
  issueSignerCertificate,
  signCades,
  signPades,
  type TestCa,
  type TestSigner,
  toPemBundle,
} from '@profila/testing';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateAssociationDeclarationPdf } from '../src/pdf/association-declaration.pdf.js';
import type { GeneratedPdf } from '../src/pdf/pdf-metadata.js';
import { type ExpectedDocument, SignatureInspector } from '../src/signatures/signature-inspector.js';
import type { SignatureProblemCode, SignatureVerdict } from '../src/signatures/signature-verdict.js';
import { TrustStore } from '../src/signatures/trust-store.js';

const DAY = 24 * 60 * 60 * 1000;
const citizenCf = generateCodiceFiscale({
  cognome: 'Venturi',
  nome: 'Lorenzo',
  dataNascita: '1988-02-26',
  sesso: 'M',
  codiceCatastale: 'I921',
});
const otherCf = generateCodiceFiscale({
  cognome: 'Rossi',
  nome: 'Mario',
  dataNascita: '2000-01-01',
  sesso: 'M',
  codiceCatastale: 'H612',
});

function declaration(requestCode: string): Promise<GeneratedPdf> {
  return generateAssociationDeclarationPdf({
    requestCode,
    issuedAt: new Date('2025-03-12T09:15:00Z'),
    citizen: {
      nome: 'Lorenzo',
      cognome: 'Venturi',
      codiceFiscale: citizenCf,
      dataNascita: '1988-02-26',
      luogoNascita: "San Michele all'Adige (TN)",
    },
    organization: {
      ragioneSociale: 'AZIENDA PROVA 1 SRL',
      codiceFiscale: '00097020598',
      sedeLegale: { indirizzo: 'Via del Lavoro 12', cap: '38122', comune: 'Trento', provincia: 'TN' },
    },
  });
}

function codes(verdict: SignatureVerdict, severity: 'error' | 'warning' = 'error'): SignatureProblemCode[] {
  return verdict.problems.filter((p) => p.severity === severity).map((p) => p.code);
}

/** Replaces the request code inside the bytes (same length), as an edit of the signed document would. */
function tamper(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const text = Buffer.from(bytes).toString('latin1');
  const at = text.indexOf(`(${from})`);
  if (at < 0) throw new Error('request code not found in the bytes');
  const copy = Buffer.from(bytes);
  copy.write(`(${to})`, at, 'latin1');
  return new Uint8Array(copy);
}

describe('signature inspection (PAdES and CAdES)', () => {
  let ca: TestCa;
  let citizen: TestSigner;
  let stranger: TestSigner;
  let expired: TestSigner;
  let untrusted: TestSigner;
  let inspector: SignatureInspector;
  let pdf: GeneratedPdf;
  let expected: ExpectedDocument;
  const options = () => ({ citizenCodiceFiscale: citizenCf, expected });

  beforeAll(async () => {
    ca = createTestCa();
    citizen = issueSignerCertificate(ca, { givenName: 'Lorenzo', surname: 'Venturi', codiceFiscale: citizenCf });
    stranger = issueSignerCertificate(ca, { givenName: 'Mario', surname: 'Rossi', codiceFiscale: otherCf });
    expired = issueSignerCertificate(ca, {
      givenName: 'Lorenzo',
      surname: 'Venturi',
      codiceFiscale: citizenCf,
      notBefore: new Date(Date.now() - 3 * 365 * DAY),
      notAfter: new Date(Date.now() - 30 * DAY),
    });
    const rogueCa = createTestCa({ commonName: 'Rogue CA', organization: 'Nobody' });
    untrusted = issueSignerCertificate(rogueCa, { givenName: 'Lorenzo', surname: 'Venturi', codiceFiscale: citizenCf });
    inspector = new SignatureInspector(TrustStore.parse(toPemBundle([ca])));
    pdf = await declaration('ASS-7K3F-9Q2M-X4TB');
    expected = { requestCode: pdf.requestCode, sha256: pdf.sha256, size: pdf.size };
  });

  describe('intact signatures by the citizen', () => {
    it('accepts a CAdES .p7m of the generated PDF and names the signer', async () => {
      const p7m = await signCades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(p7m, { ...options(), fileName: 'dichiarazione.pdf.p7m' });

      expect(verdict.problems).toEqual([]);
      expect(verdict).toMatchObject({
        acceptable: true,
        isP7m: true,
        isPdf: false,
        typeMatchesFileName: true,
        format: 'CAdES',
        hasSignature: true,
        signatureIntact: true,
        certificatesValid: true,
        issuerTrusted: true,
        signerMatchesCitizen: true,
        contentMatchesExpected: true,
        contentMatch: 'identical',
        requestCode: 'ASS-7K3F-9Q2M-X4TB',
      });
      expect(verdict.signers).toHaveLength(1);
      expect(verdict.signers[0]).toMatchObject({
        name: 'LORENZO VENTURI',
        codiceFiscale: citizenCf,
        subjectSerialNumber: `TINIT-${citizenCf}`,
        qualified: true,
        nonRepudiation: true,
        validNow: true,
        validAtSigningTime: true,
        contentDigestMatches: true,
        signatureValid: true,
        digestAlgorithm: 'SHA-256',
      });
      expect(Buffer.from(verdict.signedContent!).equals(Buffer.from(pdf.bytes))).toBe(true);
    });

    it.each(['base64', 'pem'] as const)('reads a .p7m encoded as %s', async (encoding) => {
      const p7m = await signCades(pdf.bytes, citizen, { encoding });
      const verdict = await inspector.inspect(p7m, options());
      expect(verdict.acceptable).toBe(true);
      expect(verdict.contentMatch).toBe('identical');
    });

    it('reads a BER .p7m with indefinite lengths and a chunked content', async () => {
      const p7m = await signCades(pdf.bytes, citizen, { ber: true });
      expect(p7m[1]).toBe(0x80); // indefinite length, as written by some signing tools
      const verdict = await inspector.inspect(p7m, options());
      expect(verdict.problems).toEqual([]);
      expect(verdict.contentMatch).toBe('identical');
    });

    it('opens an envelope signed twice (.p7m.p7m) and lists both signers', async () => {
      const inner = await signCades(pdf.bytes, citizen);
      const outer = await signCades(inner, stranger);
      const verdict = await inspector.inspect(outer, options());
      expect(verdict.signers.map((s) => s.codiceFiscale).sort()).toEqual([citizenCf, otherCf].sort());
      expect(verdict.signerMatchesCitizen).toBe(true);
      expect(verdict.contentMatch).toBe('identical');
      expect(verdict.acceptable).toBe(true);
    });

    it('accepts a PAdES signature appended to the generated PDF', async () => {
      const signed = await signPades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(signed, { ...options(), fileName: 'dichiarazione.pdf' });

      expect(verdict.problems).toEqual([]);
      expect(verdict).toMatchObject({
        acceptable: true,
        isPdf: true,
        format: 'PAdES',
        hasSignature: true,
        signatureIntact: true,
        coversWholeDocument: true,
        issuerTrusted: true,
        signerMatchesCitizen: true,
        contentMatchesExpected: true,
        contentMatch: 'original-prefix',
        requestCode: 'ASS-7K3F-9Q2M-X4TB',
      });
      expect(verdict.signers[0]).toMatchObject({ name: 'LORENZO VENTURI', codiceFiscale: citizenCf, format: 'PAdES' });
      // PAdES puts the signing time in the signature dictionary (/M), not in the CMS
      expect(verdict.signers[0].signingTime).toBeInstanceOf(Date);
    });

    it('accepts a PAdES signature on a copy rewritten by the signing tool, comparing pages when the original is at hand', async () => {
      const signed = await signPades(pdf.bytes, citizen, { rewrite: true });
      const compared = await inspector.inspect(signed, { ...options(), expected: { ...expected, pdf: pdf.bytes } });
      expect(compared.problems).toEqual([]);
      expect(compared.contentMatch).toBe('same-request-code');

      const uncompared = await inspector.inspect(signed, options());
      expect(uncompared.acceptable).toBe(true);
      expect(uncompared.contentMatchesExpected).toBe(true);
      expect(codes(uncompared, 'warning')).toEqual(['CONTENT_NOT_COMPARED']);
    });

    it('accepts a signer issued by an intermediate CA that chains to the trusted root', async () => {
      const intermediate = createTestCa({ commonName: 'Profila Test Intermediate CA', issuer: ca });
      const signer = issueSignerCertificate(intermediate, {
        givenName: 'Lorenzo',
        surname: 'Venturi',
        codiceFiscale: citizenCf,
      });
      const verdict = await inspector.inspect(await signCades(pdf.bytes, signer), options());
      expect(verdict.issuerTrusted).toBe(true);
      expect(verdict.signers[0].certificatePath).toHaveLength(3);
    });

    it.each([
      ['IT', `IT:${citizenCf}`],
      ['plain', citizenCf],
    ] as const)('reads the codice fiscale from a serialNumber in %s form', async (serialNumberFormat, serial) => {
      const signer = issueSignerCertificate(ca, {
        givenName: 'Lorenzo',
        surname: 'Venturi',
        codiceFiscale: citizenCf,
        serialNumberFormat,
      });
      const verdict = await inspector.inspect(await signCades(pdf.bytes, signer), options());
      expect(verdict.signers[0]).toMatchObject({ subjectSerialNumber: serial, codiceFiscale: citizenCf });
      expect(verdict.signerMatchesCitizen).toBe(true);
    });
  });

  describe('tampered content', () => {
    it('CAdES: content changed inside the envelope -> signature not intact', async () => {
      const p7m = await signCades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(tamper(p7m, 'ASS-7K3F-9Q2M-X4TB', 'ASS-0000-0000-0000'), options());
      expect(verdict.signatureIntact).toBe(false);
      expect(verdict.signers[0]).toMatchObject({ contentDigestMatches: false, signatureValid: true });
      expect(codes(verdict)).toContain('CONTENT_ALTERED');
      expect(verdict.acceptable).toBe(false);
    });

    it('PAdES: signed bytes changed -> signature not intact', async () => {
      const signed = await signPades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(tamper(signed, 'ASS-7K3F-9Q2M-X4TB', 'ASS-0000-0000-0000'), options());
      expect(verdict.signatureIntact).toBe(false);
      expect(codes(verdict)).toContain('CONTENT_ALTERED');
      expect(verdict.acceptable).toBe(false);
    });

    it('PAdES: page changed by an update appended after the signature -> refused', async () => {
      const signed = await appendPageText(await signPades(pdf.bytes, citizen), 'ANNULLATO');
      const verdict = await inspector.inspect(signed, options());
      expect(verdict.signatureIntact).toBe(true); // the signed revision itself is intact...
      expect(verdict.coversWholeDocument).toBe(false);
      expect(codes(verdict)).toEqual(['DOCUMENT_MODIFIED_AFTER_SIGNING']); // ...but it is not what is displayed
      expect(verdict.acceptable).toBe(false);
    });

    it('PAdES: validation data appended after the signature -> only a warning', async () => {
      const signed = await appendValidationData(await signPades(pdf.bytes, citizen));
      const verdict = await inspector.inspect(signed, options());
      expect(verdict.acceptable).toBe(true);
      expect(codes(verdict, 'warning')).toEqual(['CONTENT_ADDED_AFTER_SIGNING']);
    });
  });

  describe('signer and certificate', () => {
    it('wrong signer: intact signature of someone else -> signerMatchesCitizen false', async () => {
      const verdict = await inspector.inspect(await signPades(pdf.bytes, stranger), options());
      expect(verdict.signatureIntact).toBe(true);
      expect(verdict.signers[0]).toMatchObject({ codiceFiscale: otherCf, name: 'MARIO ROSSI', matchesCitizen: false });
      expect(verdict.signerMatchesCitizen).toBe(false);
      expect(codes(verdict)).toEqual(['SIGNER_NOT_CITIZEN']);
      expect(verdict.problems[0].message).toContain(otherCf);
    });

    it('expired certificate -> flagged, even with a signing time inside its validity', async () => {
      const p7m = await signCades(pdf.bytes, expired, { signingTime: new Date(Date.now() - 60 * DAY) });
      const verdict = await inspector.inspect(p7m, options());
      expect(verdict.signatureIntact).toBe(true);
      expect(verdict.certificatesValid).toBe(false);
      expect(verdict.signers[0]).toMatchObject({ validNow: false, validAtSigningTime: true });
      expect(codes(verdict)).toEqual(['CERTIFICATE_EXPIRED']);
      expect(verdict.acceptable).toBe(false);
    });

    it('signing time claimed after the certificate expired -> both flagged', async () => {
      const verdict = await inspector.inspect(await signCades(pdf.bytes, expired), options());
      expect(verdict.signers[0].validAtSigningTime).toBe(false);
      expect(codes(verdict).sort()).toEqual(['CERTIFICATE_EXPIRED', 'SIGNED_OUTSIDE_CERTIFICATE_VALIDITY']);
    });

    it('untrusted issuer -> issuerTrusted false, the rest still reported', async () => {
      const verdict = await inspector.inspect(await signPades(pdf.bytes, untrusted), options());
      expect(verdict).toMatchObject({ signatureIntact: true, issuerTrusted: false, signerMatchesCitizen: true });
      expect(codes(verdict)).toEqual(['ISSUER_NOT_TRUSTED']);
      expect(verdict.problems[0].message).toContain('Rogue CA');
    });

    it('certificate without codice fiscale -> cannot be matched: a warning, signerMatchesCitizen null', async () => {
      const foreign = issueSignerCertificate(ca, { givenName: 'Jean', surname: 'Dupont', codiceFiscale: null });
      const verdict = await inspector.inspect(await signCades(pdf.bytes, foreign), options());
      expect(verdict.signers[0].codiceFiscale).toBeNull();
      expect(verdict.signerMatchesCitizen).toBeNull();
      expect(codes(verdict, 'warning')).toEqual(['SIGNER_WITHOUT_CODICE_FISCALE']);
    });

    it('reports several failures of one file separately', async () => {
      const rogueExpired = issueSignerCertificate(createTestCa({ commonName: 'Rogue CA 2' }), {
        givenName: 'Mario',
        surname: 'Rossi',
        codiceFiscale: otherCf,
        notBefore: new Date(Date.now() - 3 * 365 * DAY),
        notAfter: new Date(Date.now() - DAY),
      });
      const other = await declaration('ASS-AAAA-BBBB-CCCC');
      const p7m = await signCades(other.bytes, rogueExpired, { signingTime: new Date(Date.now() - 10 * DAY) });
      const verdict = await inspector.inspect(p7m, options());
      expect(codes(verdict).sort()).toEqual(
        ['CERTIFICATE_EXPIRED', 'CONTENT_OF_ANOTHER_REQUEST', 'ISSUER_NOT_TRUSTED', 'SIGNER_NOT_CITIZEN'].sort(),
      );
    });
  });

  describe('file and content', () => {
    it('unsigned PDF -> hasSignature false', async () => {
      const verdict = await inspector.inspect(pdf.bytes, { ...options(), fileName: 'dichiarazione.pdf' });
      expect(verdict).toMatchObject({ isPdf: true, hasSignature: false, signatureIntact: false, signers: [] });
      expect(codes(verdict)).toEqual(['NOT_SIGNED']);
    });

    it('a non-PDF renamed .pdf -> type mismatch detected from the bytes', async () => {
      const png = Buffer.concat([
        Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
        Buffer.alloc(64),
      ]);
      const verdict = await inspector.inspect(png, { ...options(), fileName: 'dichiarazione.pdf' });
      expect(verdict).toMatchObject({
        isPdf: false,
        isP7m: false,
        typeMatchesFileName: false,
        detectedContentType: 'image/png',
        hasSignature: false,
      });
      expect(codes(verdict)).toEqual(['FILE_TYPE_MISMATCH', 'UNSUPPORTED_FILE_TYPE']);
      expect(verdict.problems[0].message).toBe(
        'Il file «dichiarazione.pdf» non è un PDF: il contenuto risulta immagine PNG.',
      );
    });

    it('a PDF renamed .p7m -> mismatch reported, the PAdES signature still inspected', async () => {
      const signed = await signPades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(signed, { ...options(), fileName: 'dichiarazione.p7m' });
      expect(verdict.typeMatchesFileName).toBe(false);
      expect(verdict.signatureIntact).toBe(true);
      expect(codes(verdict)).toEqual(['FILE_TYPE_MISMATCH']);
    });

    it('signed content is a generated PDF of another request -> contentMatchesExpected false', async () => {
      const other = await declaration('ASS-AAAA-BBBB-CCCC');
      for (const signed of [await signCades(other.bytes, citizen), await signPades(other.bytes, citizen)]) {
        const verdict = await inspector.inspect(signed, options());
        expect(verdict.signatureIntact).toBe(true);
        expect(verdict).toMatchObject({ contentMatchesExpected: false, contentMatch: 'other-request' });
        expect(codes(verdict)).toEqual(['CONTENT_OF_ANOTHER_REQUEST']);
      }
    });

    it('signed content is not a PDF generated by the system -> contentMatchesExpected false', async () => {
      const doc = await PDFDocument.create();
      const font = await doc.embedFont(StandardFonts.Helvetica);
      doc.addPage().drawText('Dichiarazione scritta a mano', { x: 50, y: 700, font, size: 12 });
      const foreign = await doc.save({ useObjectStreams: false });
      for (const signed of [await signCades(foreign, citizen), await signPades(foreign, citizen)]) {
        const verdict = await inspector.inspect(signed, options());
        expect(verdict).toMatchObject({
          contentMatchesExpected: false,
          contentMatch: 'not-generated',
          requestCode: null,
        });
        expect(codes(verdict)).toEqual(['CONTENT_NOT_GENERATED_BY_SYSTEM']);
      }
    });

    it('our PDF edited and re-signed as CAdES -> modified', async () => {
      const edited = await PDFDocument.load(pdf.bytes, { updateMetadata: false });
      edited.getPage(0).drawText('modificato', { x: 50, y: 50, size: 8 });
      const verdict = await inspector.inspect(await signCades(await edited.save(), citizen), options());
      expect(verdict.signatureIntact).toBe(true);
      expect(verdict.contentMatch).toBe('modified');
      expect(codes(verdict)).toEqual(['CONTENT_MODIFIED']);
    });

    it('our PDF edited, rewritten and signed as PAdES -> modified when compared with the original', async () => {
      const edited = await PDFDocument.load(pdf.bytes, { updateMetadata: false });
      edited.getPage(0).drawText('modificato', { x: 50, y: 50, size: 8 });
      const signed = await signPades(await edited.save({ useObjectStreams: false }), citizen);
      const verdict = await inspector.inspect(signed, { ...options(), expected: { ...expected, pdf: pdf.bytes } });
      expect(verdict.contentMatch).toBe('modified');
      expect(codes(verdict)).toEqual(['CONTENT_MODIFIED']);
    });

    it('without an expected document or citizen, only the signature is judged', async () => {
      const verdict = await inspector.inspect(await signCades(pdf.bytes, stranger));
      expect(verdict).toMatchObject({
        acceptable: true,
        contentMatchesExpected: null,
        contentMatch: 'not-checked',
        signerMatchesCitizen: null,
      });
    });

    it('a damaged .p7m is reported as malformed', async () => {
      const p7m = await signCades(pdf.bytes, citizen);
      const verdict = await inspector.inspect(p7m.subarray(0, 2000), options());
      expect(verdict.isP7m).toBe(true);
      expect(codes(verdict)).toEqual(['MALFORMED_SIGNATURE']);
    });
  });

  describe('trust list', () => {
    it('loads trust anchors from a PEM bundle file and from an ETSI trusted list (XML)', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'profila-trust-'));
      const pemFile = join(dir, 'trust.pem');
      await writeFile(pemFile, toPemBundle([ca]));
      const fromPem = await TrustStore.loadFile(pemFile);
      expect(fromPem.size).toBe(1);

      const base64 = Buffer.from(ca.der).toString('base64');
      const xml =
        '<?xml version="1.0"?><tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#"><tsl:TrustServiceProviderList>' +
        `<tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>\n${base64}\n</tsl:X509Certificate></tsl:DigitalId>` +
        '</tsl:ServiceDigitalIdentity></tsl:TrustServiceProviderList></tsl:TrustServiceStatusList>';
      const xmlFile = join(dir, 'IT_TSL.xml');
      await writeFile(xmlFile, xml);
      const fromXml = await TrustStore.loadFile(xmlFile);
      expect(fromXml.size).toBe(1);

      const p7m = await signCades(pdf.bytes, citizen);
      expect((await new SignatureInspector(fromXml).inspect(p7m, options())).issuerTrusted).toBe(true);
      expect((await new SignatureInspector(TrustStore.empty()).inspect(p7m, options())).issuerTrusted).toBe(false);
    });
  });
});
