/**
 * "Documento di delega" of the Trentino Lavoro flow: the company delegates the amministratore aziendale; the legale
 * rappresentante signs it (digitally, or by hand with an identity document) and it is uploaded with the request.
 * Fields left unknown are printed as blanks to fill in by hand.
 */
import { createDeterministicPdf, type GeneratedPdf, saveDeterministicPdf } from './pdf-metadata.js';
import { type FieldRow, PdfLayout } from './pdf-layout.js';
import {
  formatIsoDate,
  formatRomeDate,
  type OrganizationData,
  organizationRows,
  type PersonData,
  personRows,
} from './pdf-subjects.js';

export const DELEGA_TITLE = "Documento di delega per la nomina dell'amministratore aziendale";
const BLANK = '______________________________';

export interface DelegaTemplateInput {
  /** Code of the nomination request (see newRequestCode('DLG')). */
  requestCode: string;
  /** Absent: a blank form, printed with lines to fill in by hand. */
  organization?: OrganizationData;
  /** Absent: a blank form, printed with lines to fill in by hand. */
  amministratore?: PersonData & { email: string };
  /** When known (registry keeps the rappresentante legale); blanks otherwise. */
  legaleRappresentante?: Partial<PersonData>;
  issuedAt: Date;
  /** Portal name: printed in the header and in the delegated powers, e.g. "Portale Trentino Lavoro". */
  portal?: string;
}

const BLANK_ORGANIZATION_LABELS = ['Ragione sociale', 'Codice fiscale', 'Partita IVA', 'Sede legale'];
const BLANK_PERSON_LABELS = [
  'Cognome',
  'Nome',
  'Codice fiscale',
  'Data di nascita',
  'Comune o stato di nascita',
  'Indirizzo e-mail',
];

function blankRows(labels: readonly string[]): FieldRow[] {
  return labels.map((label) => ({ label, value: label === 'Data di nascita' ? '____/____/________' : BLANK }));
}

export async function generateDelegaTemplatePdf(input: DelegaTemplateInput): Promise<GeneratedPdf> {
  const { requestCode, organization, amministratore, issuedAt } = input;
  const portal = input.portal ?? 'Portale Profila';
  const legale = input.legaleRappresentante ?? {};
  const doc = await createDeterministicPdf({
    title: DELEGA_TITLE,
    subject: `${DELEGA_TITLE} - codice richiesta ${requestCode}`,
    requestCode,
    issuedAt,
    fingerprint: [
      'delega-template',
      portal,
      requestCode,
      organization ?? null,
      amministratore ?? null,
      legale,
      issuedAt.toISOString(),
    ],
  });
  const layout = await PdfLayout.create(doc);

  layout.header(portal, 'CODICE RICHIESTA', requestCode);
  layout.title(DELEGA_TITLE.toUpperCase());

  const legaleName = [legale.cognome, legale.nome].filter(Boolean).join(' ').toUpperCase() || BLANK;
  layout.paragraph(
    `Il/La sottoscritto/a ${legaleName}, nato/a a ${legale.luogoNascita ?? BLANK} ` +
      `il ${legale.dataNascita ? formatIsoDate(legale.dataNascita) : '____/____/________'}, ` +
      `codice fiscale ${legale.codiceFiscale?.toUpperCase() ?? BLANK}, in qualità di legale rappresentante di:`,
  );
  layout.section('Dati azienda');
  layout.fields(organization ? organizationRows(organization) : blankRows(BLANK_ORGANIZATION_LABELS));

  layout.centeredHeading('DELEGA');
  layout.paragraph('il/la sig./sig.ra');
  layout.section('Dati amministratore aziendale');
  layout.fields(
    amministratore
      ? [...personRows(amministratore), { label: 'Indirizzo e-mail', value: amministratore.email }]
      : blankRows(BLANK_PERSON_LABELS),
  );

  layout.paragraph(
    `ad operare in qualità di Amministratore aziendale per conto dell'azienda sul ${portal}, accedendo con la ` +
      'propria identità digitale (SPID, CIE o CPS), con il compito di:',
  );
  layout.bullets([
    "costruire e aggiornare l'organigramma aziendale;",
    "definire chi opera e con quale ruolo per conto dell'azienda;",
    'delegare ciascun ruolo ad uno o più utenti cittadini, identificati tramite codice fiscale;',
    "garantire l'aggiornamento dei dati e degli accessi relativi all'azienda.",
  ]);
  layout.paragraph(
    'Il/La delegante dichiara di aver preso visione delle condizioni di accreditamento e di utilizzo per gli utenti ' +
      "amministratori e si impegna a comunicare tempestivamente l'eventuale revoca della presente delega.",
  );
  layout.paragraph(
    'Allegati: copia del documento di riconoscimento del legale rappresentante; copia del documento di riconoscimento ' +
      "dell'amministratore aziendale.",
    { size: 9, muted: true },
  );

  layout.signatureBlock(
    ['Luogo ______________________', 'Data ____/____/________'],
    [
      'Il legale rappresentante',
      '(firma digitale, oppure firma autografa',
      'con copia del documento di riconoscimento)',
    ],
    legaleName === BLANK ? undefined : legaleName,
  );

  layout.footer([
    `Codice richiesta ${requestCode} - modello generato il ${formatRomeDate(issuedAt)}. ` +
      "Il documento firmato va caricato nella richiesta di abilitazione dell'amministratore.",
    'I dati personali sono trattati ai sensi del Regolamento (UE) 2016/679 esclusivamente per la gestione della richiesta.',
  ]);

  return saveDeterministicPdf(doc, requestCode, `delega-amministratore-${requestCode}.pdf`);
}
