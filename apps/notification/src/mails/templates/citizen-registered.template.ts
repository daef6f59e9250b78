import type { CitizenV1 } from '@profila/contracts';
import { frame, type RenderedMail } from './mail-template.js';

export const CITIZEN_REGISTERED_TEMPLATE = 'citizen-registered';

/** Welcome mail after the first login. */
export function renderCitizenRegistered(citizen: CitizenV1, portalUrl: string): RenderedMail {
  return frame(
    'Benvenuto in Profila',
    [
      `Gentile ${citizen.nome} ${citizen.cognome},`,
      `il tuo account è stato creato con il codice fiscale ${citizen.codiceFiscale}.`,
      "Dall'area riservata puoi completare la tua anagrafica, registrare o associare un'azienda e gestire le deleghe.",
    ],
    portalUrl,
  );
}
