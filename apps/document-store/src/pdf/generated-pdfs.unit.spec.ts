import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from 'pdf-lib';
import { generateAssociationDeclarationPdf, type AssociationDeclarationInput } from './association-declaration.pdf.js';
import { generateDelegaTemplatePdf, type DelegaTemplateInput } from './delega-template.pdf.js';
import { pageFingerprints, samePages } from './page-fingerprint.js';
import { readRequestCode, sha256Hex } from './pdf-metadata.js';
import { isRequestCode, newRequestCode } from './request-code.js';

/** The text a reader sees on page 1 (pdf-lib writes WinAnsi hex strings shown with Tj). */
async function pageText(bytes: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(bytes);
  const contents = doc.getPage(0).node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let text = '';
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) continue;
    const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
    for (const match of ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
      text += `${Buffer.from(match[1], 'hex').toString('latin1')}\n`;
  }
  return text.replace(/\n/g, ' ');
}

const association: AssociationDeclarationInput = {
  requestCode: 'ASS-7K3F-9Q2M-X4TB',
  issuedAt: new Date('2025-03-12T09:15:00Z'),
  citizen: {
    nome: 'Lorenzo',
    cognome: 'Venturi',
    codiceFiscale: 'VNTLNZ88B26I921M',
    dataNascita: '1988-02-26',
    luogoNascita: "San Michele all'Adige (TN)",
  },
  organization: {
    ragioneSociale: 'AZIENDA PROVA 1 SRL',
    codiceFiscale: '00097020598',
    sedeLegale: { indirizzo: 'Via del Lavoro 12', cap: '38122', comune: 'Trento', provincia: 'TN' },
    tipoSoggettoAbilitato: 'Sindacato',
  },
};

const delega: DelegaTemplateInput = {
  requestCode: 'DLG-7K3F-9Q2M-X4TB',
  issuedAt: new Date('2025-03-12T09:15:00Z'),
  portal: 'Portale Trentino Lavoro',
  organization: association.organization,
  amministratore: { ...association.citizen, email: 'lorenzo.venturi@example.it' },
};

describe('association declaration PDF', () => {
  it('is byte-identical for the same inputs', async () => {
    const [a, b] = await Promise.all([
      generateAssociationDeclarationPdf(association),
      generateAssociationDeclarationPdf(association),
    ]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(a.sha256).toBe(sha256Hex(b.bytes));
    expect(a.size).toBe(a.bytes.length);
  });

  it('changes with any input', async () => {
    const base = await generateAssociationDeclarationPdf(association);
    const variants = await Promise.all([
      generateAssociationDeclarationPdf({ ...association, requestCode: 'ASS-0000-0000-0001' }),
      generateAssociationDeclarationPdf({ ...association, issuedAt: new Date('2025-03-13T09:15:00Z') }),
      generateAssociationDeclarationPdf({
        ...association,
        organization: { ...association.organization, ragioneSociale: 'AZIENDA PROVA 2 SRL' },
      }),
    ]);
    for (const variant of variants) expect(variant.sha256).not.toBe(base.sha256);
  });

  it('prints the citizen, the organisation, the date and the request code in Italian', async () => {
    const text = await pageText((await generateAssociationDeclarationPdf(association)).bytes);
    for (const expected of [
      "DICHIARAZIONE PER L'ASSOCIAZIONE DEL PROFILO AZIENDALE",
      'ASS-7K3F-9Q2M-X4TB',
      'VENTURI',
      'LORENZO',
      'VNTLNZ88B26I921M',
      '26/02/1988',
      "San Michele all'Adige (TN)",
      'AZIENDA PROVA 1 SRL',
      '00097020598',
      'Via del Lavoro 12 - 38122 Trento (TN)',
      'Sindacato',
      'Data: 12/03/2025',
      'D.P.R. 445/2000',
      'firmato digitalmente',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('stores the request code and fixed dates in the metadata', async () => {
    const generated = await generateAssociationDeclarationPdf(association);
    expect(await readRequestCode(generated.bytes)).toBe('ASS-7K3F-9Q2M-X4TB');
    const doc = await PDFDocument.load(generated.bytes, { updateMetadata: false });
    expect(doc.getKeywords()).toContain('profila-request-code:ASS-7K3F-9Q2M-X4TB');
    expect(doc.getTitle()).toBe("Dichiarazione per l'associazione del profilo aziendale");
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-03-12T09:15:00.000Z');
    expect(doc.getProducer()).toBe('Profila document-store');
    expect(generated.fileName).toBe('dichiarazione-associazione-ASS-7K3F-9Q2M-X4TB.pdf');
  });

  it('prints foreign companies with their identification code and country', async () => {
    const text = await pageText(
      (
        await generateAssociationDeclarationPdf({
          ...association,
          organization: {
            ragioneSociale: 'Société Générale de Test SA',
            codiceFiscale: 'FR40303265045',
            estera: true,
            sedeLegale: { comune: 'Paris', statoEstero: 'Francia' },
          },
        })
      ).bytes,
    );
    expect(text).toContain('Codice identificativo');
    expect(text).toContain('Société Générale de Test SA');
    expect(text).toContain('Paris - Francia');
    expect(text).not.toContain('Partita IVA');
  });

  it('writes names outside the standard font charset without failing', async () => {
    const generated = await generateAssociationDeclarationPdf({
      ...association,
      citizen: { ...association.citizen, cognome: 'Ștefănescu', nome: 'Łukasz' },
    });
    const text = await pageText(generated.bytes);
    expect(text).toContain('STEFANESCU');
    expect(text).toContain('?UKASZ'); // Ł has no decomposition and no WinAnsi code
  });
});

describe('delega template PDF', () => {
  it('is deterministic and names the company, the amministratore and the delegated tasks', async () => {
    const [a, b] = await Promise.all([generateDelegaTemplatePdf(delega), generateDelegaTemplatePdf(delega)]);
    expect(a.sha256).toBe(b.sha256);
    const text = await pageText(a.bytes);
    for (const expected of [
      "DOCUMENTO DI DELEGA PER LA NOMINA DELL'AMMINISTRATORE",
      'DLG-7K3F-9Q2M-X4TB',
      'Portale Trentino Lavoro',
      'AZIENDA PROVA 1 SRL',
      'VNTLNZ88B26I921M',
      'lorenzo.venturi@example.it',
      "costruire e aggiornare l'organigramma aziendale;",
      'Il legale rappresentante',
    ]) {
      expect(text).toContain(expected);
    }
    expect(await readRequestCode(a.bytes)).toBe('DLG-7K3F-9Q2M-X4TB');
  });

  it('leaves blanks for the legale rappresentante unless known', async () => {
    const blank = await pageText((await generateDelegaTemplatePdf(delega)).bytes);
    expect(blank).toMatch(/Il\/La sottoscritto\/a _{10,}/);
    const filled = await pageText(
      (
        await generateDelegaTemplatePdf({
          ...delega,
          legaleRappresentante: {
            nome: 'Mario',
            cognome: 'Rossi',
            codiceFiscale: 'RSSMRA00A01H612K',
            dataNascita: '2000-01-01',
            luogoNascita: 'Rovereto (TN)',
          },
        })
      ).bytes,
    );
    expect(filled).toContain('Il/La sottoscritto/a ROSSI MARIO, nato/a a Rovereto (TN) il 01/01/2000');
    expect(filled).toContain('RSSMRA00A01H612K');
  });
});

describe('page fingerprints', () => {
  it('are equal for the same pages and differ when a page changes', async () => {
    const original = await generateAssociationDeclarationPdf(association);
    const resaved = await (await PDFDocument.load(original.bytes, { updateMetadata: false })).save(); // object streams, new layout
    expect(Buffer.from(resaved).equals(Buffer.from(original.bytes))).toBe(false);
    expect(await samePages(original.bytes, resaved)).toBe(true);

    const edited = await PDFDocument.load(original.bytes, { updateMetadata: false });
    edited.getPage(0).drawText('x', { x: 10, y: 10, size: 5 });
    expect(await samePages(original.bytes, await edited.save())).toBe(false);
  });

  it('are null for bytes that are not a PDF', async () => {
    expect(await pageFingerprints(new Uint8Array(Buffer.from('not a pdf')))).toBeNull();
  });
});

describe('request codes', () => {
  it('are well formed, unambiguous and unique', () => {
    const codes = new Set(Array.from({ length: 500 }, () => newRequestCode('ASS')));
    expect(codes.size).toBe(500);
    for (const code of codes) {
      expect(isRequestCode(code)).toBe(true);
      expect(code).not.toMatch(/[ILOU]/);
    }
    expect(isRequestCode(newRequestCode('DLG'))).toBe(true);
    expect(isRequestCode('ASS-ILOU-0000-0000')).toBe(false);
  });
});
