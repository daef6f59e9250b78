import type { VerificationRequestV1 } from '@profila/contracts';
import { frame, type RenderedMail } from '../mails/templates/mail-template.js';

export const VERIFICATION_TEMPLATES = {
  approved: 'verification-approved',
  rejected: 'verification-rejected',
  integration: 'verification-integration-requested',
  expired: 'verification-expired',
  pec: 'verification-pec-confirmation',
} as const;

const KIND: Record<VerificationRequestV1['kind'], string> = {
  amministratore: 'abilitazione dell’amministratore aziendale',
  'responsabile-unico': 'registrazione del Responsabile unico dell’amministrazione',
  raa: 'registrazione per l’accesso agli atti (RAA)',
};

function greeting(r: VerificationRequestV1): string {
  return `Gentile ${r.person.nome.toUpperCase()} ${r.person.cognome.toUpperCase()},`;
}

function subjectOf(r: VerificationRequestV1): string {
  return r.organization ? ` – ${r.organization.ragioneSociale}` : '';
}

/** Abilitato: for an amministratore, what the Trentino Lavoro approval mail says. */
export function renderApproved(r: VerificationRequestV1, portalUrl: string): RenderedMail {
  const org = r.organization;
  const body =
    r.kind === 'raa'
      ? [
          greeting(r),
          `la tua identità digitale (SPID/CPS/CIE) associata al codice fiscale ${r.person.codiceFiscale} è stata abilitata a operare su Profila per le richieste di accesso agli atti (RAA).`,
          'Accedi con la tua identità digitale per inserire una nuova richiesta di accesso agli atti.',
        ]
      : [
          greeting(r),
          `la tua identità digitale (SPID/CPS/CIE) associata al codice fiscale ${r.person.codiceFiscale} è stata abilitata a operare su Profila in qualità di ${
            r.kind === 'amministratore' ? 'amministratore aziendale' : 'Responsabile unico'
          } per conto ${r.kind === 'amministratore' ? "dell'azienda" : "dell'amministrazione"} CF: ${org?.codiceFiscale ?? ''} – Ragione sociale: ${org?.ragioneSociale ?? ''}.`,
          'Per abilitare altri membri della tua organizzazione dovrai autenticarti con identità digitale (SPID/CPS/CIE) a Profila con il tuo account personale e scegliere, nella sezione "Accedi all\'utenza aziendale", la tua azienda. Al suo interno sarà possibile visionare e modificare le informazioni, prendere visione delle utenze associate alla propria azienda e abilitare eventuali collaboratori all\'accesso tramite identità digitale.',
        ];
  return frame(`Richiesta abilitata${subjectOf(r)}`, body, portalUrl);
}

export function renderRejected(r: VerificationRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Richiesta respinta${subjectOf(r)}`,
    [
      greeting(r),
      `la richiesta di ${KIND[r.kind]}${org(r)} è stata respinta.`,
      `Motivazione: ${r.reason ?? '-'}`,
      "Per effettuare nuovamente l'abilitazione accedi con la tua identità digitale e invia una nuova richiesta con i dati e i documenti corretti.",
    ],
    portalUrl,
  );
}

export function renderIntegration(r: VerificationRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Richiesta da integrare${subjectOf(r)}`,
    [
      greeting(r),
      `la richiesta di ${KIND[r.kind]}${org(r)} è da integrare.`,
      `Da integrare: ${r.reason ?? '-'}`,
      `Accedi con la tua identità digitale, aggiorna i dati o i documenti indicati e invia l'integrazione entro il ${italianDate(r.integrationDueDate)}: dopo quella data la richiesta scade.`,
    ],
    portalUrl,
  );
}

export function renderExpired(r: VerificationRequestV1, portalUrl: string): RenderedMail {
  return frame(
    `Richiesta scaduta${subjectOf(r)}`,
    [
      greeting(r),
      `la richiesta di ${KIND[r.kind]}${org(r)} è scaduta perché non è stata completata entro il termine.`,
      "Per effettuare nuovamente l'abilitazione accedi con la tua identità digitale e invia una nuova richiesta.",
    ],
    portalUrl,
  );
}

/**
 * To the declared PEC: the confirmation link (the Como manual's PEC step, done by the system). The link is minted
 * by admin-verification for this mail (it is in no event).
 */
export function renderPecConfirmation(
  r: VerificationRequestV1,
  portalUrl: string,
  link: { url: string; dueDate: string | null },
): RenderedMail {
  return frame(
    'Conferma la tua PEC per la registrazione RAA',
    [
      greeting(r),
      `per completare la ${KIND.raa} conferma che questo indirizzo PEC è tuo aprendo il collegamento seguente:`,
      link.url,
      ...(link.dueDate ? [`Il collegamento vale fino al ${italianDate(link.dueDate)}.`] : []),
      'Solo dopo la conferma la richiesta sarà esaminata da un operatore. Se non hai chiesto la registrazione ignora questo messaggio.',
    ],
    portalUrl,
  );
}

function org(r: VerificationRequestV1): string {
  return r.organization ? ` per ${r.organization.ragioneSociale} (CF ${r.organization.codiceFiscale})` : '';
}

function italianDate(iso: string | null): string {
  if (!iso) return '-';
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
