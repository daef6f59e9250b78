import type { DelegationPersonV1, DelegationV1 } from '@profila/contracts';
import { frame, type RenderedMail } from './mail-template.js';

/** The delegation mails: one template per outcome, Italian, HTML and plain text (the frame of every Profila mail). */
export enum DelegationTemplate {
  RECEIVED = 'delegation-received',
  ACCEPTED = 'delegation-accepted',
  REFUSED = 'delegation-refused',
  MODIFIED = 'delegation-modified',
  REVOKED = 'delegation-revoked',
  EXPIRING = 'delegation-expiring',
  EXPIRED = 'delegation-expired',
}

/** dd-mm-yyyy, as the portal shows dates. */
export function italianDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}-${m}-${y}`;
}

const fullName = (p: DelegationPersonV1) => `${p.nome} ${p.cognome}`.trim() || p.codiceFiscale;
const company = (d: DelegationV1) =>
  d.organization.codiceFiscale
    ? `${d.organization.denominazione} (${d.organization.codiceFiscale})`
    : d.organization.denominazione;
const terms = (d: DelegationV1) => `dal ${italianDate(d.dataInizio)} al ${italianDate(d.dataScadenza)}`;
const what = (d: DelegationV1) => (d.requestKind === 'MODIFICA' ? 'la modifica della delega' : 'la delega');
const request = (d: DelegationV1) => `Id richiesta: ${d.requestId}.`;

export function renderDelegationMail(
  template: DelegationTemplate,
  recipient: DelegationPersonV1,
  d: DelegationV1,
  portalUrl: string,
): RenderedMail {
  const hello = `Gentile ${fullName(recipient)},`;
  const link = `${portalUrl.replace(/\/$/, '')}/area-riservata/deleghe`;
  switch (template) {
    case DelegationTemplate.RECEIVED:
      return frame(
        'Hai ricevuto una delega',
        [
          hello,
          `${fullName(d.delegator)} (${d.delegator.codiceFiscale}) ti ha delegato a operare per ${company(d)} ${terms(d)}.`,
          request(d),
          'Per accettare o rifiutare la delega accedi al portale con le tue credenziali: Gestione deleghe › Deleghe ricevute in attesa.',
        ],
        link,
      );
    case DelegationTemplate.MODIFIED:
      return frame(
        'Richiesta di modifica di una delega',
        [
          hello,
          `${fullName(d.delegator)} chiede di modificare la delega per ${company(d)}: nuove date dal ${italianDate(d.proposed!.dataInizio)} al ${italianDate(d.proposed!.dataScadenza)}.`,
          `Fino alla tua accettazione resta valida la delega ${terms(d)}.`,
          request(d),
          'Per accettare o rifiutare la modifica accedi al portale: Gestione deleghe › Deleghe ricevute in attesa.',
        ],
        link,
      );
    case DelegationTemplate.ACCEPTED:
      return frame(
        d.requestKind === 'MODIFICA' ? 'Modifica della delega accettata' : 'Delega accettata',
        [
          hello,
          `${fullName(d.delegate)} (${d.delegate.codiceFiscale}) ha accettato ${what(d)} per ${company(d)}.`,
          `La delega è valida ${terms(d)}.`,
          request(d),
        ],
        link,
      );
    case DelegationTemplate.REFUSED:
      return frame(
        d.requestKind === 'MODIFICA' ? 'Modifica della delega rifiutata' : 'Delega rifiutata',
        [
          hello,
          `${fullName(d.delegate)} (${d.delegate.codiceFiscale}) ha rifiutato ${what(d)} per ${company(d)}.`,
          `Motivo del rifiuto: ${d.reason ?? ''}`,
          ...(d.requestKind === 'MODIFICA' ? [`Resta valida la delega ${terms(d)}.`] : []),
          request(d),
        ],
        link,
      );
    case DelegationTemplate.REVOKED:
      return frame(
        'Delega revocata',
        [
          hello,
          `La delega a ${fullName(d.delegate)} per operare per ${company(d)} è stata revocata ed è cessata con effetto immediato.`,
          request(d),
        ],
        link,
      );
    case DelegationTemplate.EXPIRING:
      return frame(
        'Delega in scadenza',
        [
          hello,
          `La delega a ${fullName(d.delegate)} per operare per ${company(d)} scade il ${italianDate(d.dataScadenza)}` +
            (d.daysLeft != null ? ` (tra ${d.daysLeft} ${d.daysLeft === 1 ? 'giorno' : 'giorni'}).` : '.'),
          'Il delegante può prorogarla da Gestione deleghe › Lista delegati › Modifica delega.',
        ],
        link,
      );
    case DelegationTemplate.EXPIRED:
      return frame(
        'Delega scaduta',
        [
          hello,
          `La delega a ${fullName(d.delegate)} per operare per ${company(d)} è scaduta il ${italianDate(d.dataScadenza)}.`,
          request(d),
        ],
        link,
      );
  }
}
