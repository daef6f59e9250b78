// The applicant's Responsabile unico and RAA requests, and the PEC confirmation link, through the gateway.
import { apiRequest } from '@profila/ui';
import type { NominationRequest } from './nomination-api';

const BASE = '/api/admin-verification/requests';

/** A request as the applicant sees it (the nomination's shape, with the PEC and the professione). */
export interface ApplicantRequest extends NominationRequest {
  person: NominationRequest['person'] & { pec: string | null };
  professione: string | null;
  indirizzoResidenza: string | null;
  territory: { comune: string | null; provincia: string | null };
}

/** Registrazione amministrazione (Portale Lavoro Pubblico): the Responsabile unico and the PA. */
export interface ResponsabileForm {
  paCodiceFiscale: string;
  codiceFiscale: string;
  cognome: string;
  nome: string;
  email: string;
  pec: string;
}

/** REGISTRAZIONE AVVOCATI ED ENTI AUTORIZZATI PER ACCESSO AGLI ATTI: DATI PERSONA. */
export interface RaaForm {
  cognome: string;
  nome: string;
  dataNascita: string;
  luogoNascita: string;
  codiceFiscale: string;
  indirizzoResidenza: string;
  comuneResidenza: string;
  provinciaResidenza: string;
  email: string;
  pec: string;
  professione: string;
}

const path = (id: string, tail: string) => `${BASE}/${encodeURIComponent(id)}/${tail}`;

export const applicantApi = {
  mine: (kind: 'responsabile-unico' | 'raa') =>
    apiRequest<{ items: ApplicantRequest[] }>('GET', BASE).then((b) => b.items.filter((r) => r.kind === kind)),
  get: (id: string) => apiRequest<ApplicantRequest>('GET', `${BASE}/${encodeURIComponent(id)}`),
  createResponsabile: (form: ResponsabileForm) =>
    apiRequest<ApplicantRequest>('POST', `${BASE}/responsabile-unico`, form),
  updateResponsabile: (id: string, form: ResponsabileForm) =>
    apiRequest<ApplicantRequest>('PUT', path(id, 'responsabile-unico'), form),
  createRaa: (form: RaaForm) => apiRequest<ApplicantRequest>('POST', `${BASE}/raa`, withoutEmpty(form)),
  updateRaa: (id: string, form: RaaForm) => apiRequest<ApplicantRequest>('PUT', path(id, 'raa'), withoutEmpty(form)),
  submit: (id: string) => apiRequest<ApplicantRequest>('POST', path(id, 'submit')),
  resubmit: (id: string) => apiRequest<ApplicantRequest>('POST', path(id, 'resubmit')),
  /** The link mailed to the declared PEC (no session needed). */
  confirmPec: (token: string) =>
    apiRequest<{ message: string; requestId: string }>(
      'POST',
      `/api/admin-verification/pec-confirmations/${encodeURIComponent(token)}`,
    ),
};

/** Professione/Ruolo is optional: an empty field is not sent. */
function withoutEmpty(form: RaaForm): Partial<RaaForm> {
  return form.professione.trim() ? form : { ...form, professione: undefined };
}
