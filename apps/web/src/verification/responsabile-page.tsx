import { TextField } from '@profila/ui';
import { type FormEvent, useState } from 'react';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { type ApplicantRequest, applicantApi, type ResponsabileForm } from './applicant-api';
import { RequestDocuments } from './request-documents';
import { MyRequests, RequestNotices } from './request-status';
import { useApplicantRequest } from './use-applicant-request';

export const RESPONSABILE_PATH = '/area-riservata/responsabile-unico';
const TITLE = 'Registrazione amministrazione';

const EMPTY: ResponsabileForm = { paCodiceFiscale: '', codiceFiscale: '', cognome: '', nome: '', email: '', pec: '' };

function formOf(r: ApplicantRequest): ResponsabileForm {
  return {
    paCodiceFiscale: r.organization?.codiceFiscale ?? '',
    codiceFiscale: r.person.codiceFiscale,
    cognome: r.person.cognome,
    nome: r.person.nome,
    email: r.person.email,
    pec: r.person.pec ?? '',
  };
}

/**
 * Registrazione amministrazione (Portale Lavoro Pubblico): the PA names its Responsabile unico — codice fiscale
 * dell'amministrazione, the Responsabile's anagrafica, mail and PEC, the atto di nomina — and follows the request.
 * A PA that is not in the registry can still be sent: the operator adds it. One PA per person.
 */
export function ResponsabilePage() {
  usePageTitle(TITLE);
  const r = useApplicantRequest<ResponsabileForm>('responsabile-unico', {
    create: applicantApi.createResponsabile,
    update: applicantApi.updateResponsabile,
  });
  const [form, setForm] = useState<ResponsabileForm>(EMPTY);
  const set = (patch: Partial<ResponsabileForm>) => setForm((f) => ({ ...f, ...patch }));
  const { current, errors } = r;
  const editable = !current || current.editable;

  const open = (request: ApplicantRequest | null) => {
    r.open(request);
    setForm(request ? formOf(request) : EMPTY);
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void r.save(form);
  };

  return (
    <>
      <ReservedHeading title={TITLE}>
        Registra la tua amministrazione indicando il Responsabile unico individuato con l&apos;atto di nomina. La
        richiesta è verificata da un operatore prima dell&apos;accesso ai servizi; il ruolo di Responsabile unico si
        ricopre per una sola amministrazione.
      </ReservedHeading>

      <MyRequests
        items={r.mine}
        describe={(x) => `${x.person.cognome} ${x.person.nome} per ${x.organization?.ragioneSociale ?? '—'}`}
        onOpen={open}
      />
      {current && (
        <button type="button" className="btn btn-link px-0 mb-3" onClick={() => open(null)}>
          Nuova registrazione
        </button>
      )}
      <RequestNotices current={current} message={r.message} failure={r.failure} />

      <form onSubmit={save} noValidate aria-labelledby="dati-responsabile">
        <h2 id="dati-responsabile" className="h4">
          Dati dell&apos;amministrazione e del Responsabile unico
        </h2>
        <fieldset disabled={!editable}>
          <div className="row">
            <TextField
              id="paCodiceFiscale"
              label="Codice fiscale dell'amministrazione *"
              hint="11 cifre. Se l'amministrazione non è in anagrafica la aggiunge l'operatore."
              value={form.paCodiceFiscale}
              error={errors.paCodiceFiscale}
              onChange={(v) => set({ paCodiceFiscale: v.trim() })}
            />
            <TextField
              id="codiceFiscale"
              label="Codice fiscale del Responsabile unico *"
              value={form.codiceFiscale}
              error={errors.codiceFiscale}
              onChange={(v) => set({ codiceFiscale: v.toUpperCase() })}
            />
            <TextField
              id="cognome"
              label="Cognome *"
              value={form.cognome}
              error={errors.cognome}
              onChange={(v) => set({ cognome: v })}
            />
            <TextField
              id="nome"
              label="Nome *"
              value={form.nome}
              error={errors.nome}
              onChange={(v) => set({ nome: v })}
            />
            <TextField
              id="email"
              type="email"
              label="Mail *"
              value={form.email}
              error={errors.email}
              onChange={(v) => set({ email: v })}
            />
            <TextField
              id="pec"
              type="email"
              label="PEC del Responsabile unico *"
              hint="Riceve le comunicazioni sull'esito"
              value={form.pec}
              error={errors.pec}
              onChange={(v) => set({ pec: v })}
            />
          </div>
          <button type="submit" className="btn btn-primary mb-4">
            Salva
          </button>
        </fieldset>
      </form>

      {current?.documents && (
        <RequestDocuments
          slots={current.documents}
          editable={editable}
          errors={errors}
          onFile={(slot, file) => void r.attach(slot, file)}
          sendLabel={r.sendLabel}
          onSend={() => void r.send((s) => `Operazione effettuata: richiesta ${s.stateLabel.toLowerCase()}.`)}
        />
      )}
    </>
  );
}
