/**
 * "Dichiarazione per l'associazione del profilo aziendale" (Servizi Lavoro, Associa Profili, passo 1): the PDF the
 * citizen downloads, signs digitally (PAdES or CAdES .p7m) without changes and uploads (max 3 MB).
 */
import { createDeterministicPdf, type GeneratedPdf, saveDeterministicPdf } from './pdf-metadata.js';
import { PdfLayout } from './pdf-layout.js';
import {
  formatRomeDate,
  formatRomeTime,
  fullName,
  type OrganizationData,
  organizationRows,
  type PersonData,
  personRows,
} from './pdf-subjects.js';

export const ASSOCIATION_DECLARATION_TITLE = "Dichiarazione per l'associazione del profilo aziendale";

export interface AssociationDeclarationInput {
  /** Unique code of the association request (see newRequestCode('ASS')). */
  requestCode: string;
  citizen: PersonData;
  organization: OrganizationData;
  /** When the declaration is issued: printed date and PDF dates. */
  issuedAt: Date;
  /** Portal name printed in the header. */
  portal?: string;
}

export async function generateAssociationDeclarationPdf(input: AssociationDeclarationInput): Promise<GeneratedPdf> {
  const { requestCode, citizen, organization, issuedAt } = input;
  const portal = input.portal ?? 'Profila – Servizi per il lavoro';
  const doc = await createDeterministicPdf({
    title: ASSOCIATION_DECLARATION_TITLE,
    subject: `${ASSOCIATION_DECLARATION_TITLE} - codice richiesta ${requestCode}`,
    requestCode,
    issuedAt,
    fingerprint: [
      'association-declaration',
      input.portal ?? null,
      requestCode,
      citizen,
      organization,
      issuedAt.toISOString(),
    ],
  });
  const layout = await PdfLayout.create(doc);
  const date = formatRomeDate(issuedAt);

  layout.header(portal, 'CODICE RICHIESTA', requestCode);
  layout.title(
    ASSOCIATION_DECLARATION_TITLE.toUpperCase(),
    'Dichiarazione sostitutiva ai sensi degli artt. 46 e 47 del D.P.R. 28 dicembre 2000, n. 445',
  );

  layout.paragraph('Il/La sottoscritto/a');
  layout.section('Dati del dichiarante');
  layout.fields(personRows(citizen));

  layout.centeredHeading('CHIEDE');
  layout.paragraph(
    `l'associazione al proprio profilo personale del seguente profilo ${organization.estera ? 'di azienda estera' : 'aziendale'}, ` +
      'assumendone il ruolo di amministratore con tutti i ruoli previsti dal portale:',
  );
  layout.section('Dati del profilo aziendale');
  layout.fields(organizationRows(organization));

  layout.centeredHeading('DICHIARA');
  layout.bullets([
    'di essere legittimato/a ad operare per conto del soggetto sopra indicato, in qualità di legale rappresentante o di persona da questi incaricata;',
    'che i dati riportati nella presente dichiarazione sono veritieri e aggiornati;',
    "di essere consapevole che l'associazione può essere revocata e che ogni operazione svolta per conto del soggetto è registrata;",
    "di essere consapevole delle sanzioni penali previste dall'art. 76 del D.P.R. 445/2000 in caso di dichiarazioni mendaci, formazione o uso di atti falsi.",
  ]);
  layout.paragraph(
    'Il presente documento è prodotto dal sistema: deve essere firmato digitalmente (firma PAdES sul PDF oppure busta ' +
      'CAdES .p7m) senza apportare modifiche alle informazioni contenute, e caricato nella pagina di associazione ' +
      '(dimensione massima 3 MB).',
    { size: 9, muted: true },
  );

  layout.signatureBlock([`Data: ${date}`], ['Il/La dichiarante', '(firma digitale)'], fullName(citizen).toUpperCase());

  layout.footer([
    `Codice richiesta ${requestCode} - documento generato il ${date} alle ore ${formatRomeTime(issuedAt)}.`,
    'I dati personali sono trattati ai sensi del Regolamento (UE) 2016/679 esclusivamente per la gestione della richiesta di associazione.',
  ]);

  return saveDeterministicPdf(doc, requestCode, `dichiarazione-associazione-${requestCode}.pdf`);
}
