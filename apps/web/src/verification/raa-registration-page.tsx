import { type Me, TextField, useSession } from '@profila/ui';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import type { LegacyRaaClaim, RaaRegistrationPrefill } from '../claim/claim-api';
import { RAA_CLAIM_PATH } from '../claim/claim-paths';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { type ApplicantRequest, applicantApi, type RaaForm } from './applicant-api';
import { RequestDocuments } from './request-documents';
import { MyRequests, RequestNotices } from './request-status';
import { useApplicantRequest } from './use-applicant-request';

export const RAA_REGISTRATION_PATH = '/area-riservata/registrazione-raa';
const TITLE = 'Registrazione avvocati ed enti autorizzati per accesso agli atti';

function emptyForm(me: Me | null): RaaForm {
  return {
    cognome: me?.cognome ?? '',
    nome: me?.nome ?? '',
    dataNascita: '',
    luogoNascita: '',
    codiceFiscale: me?.codiceFiscale ?? '',
    indirizzoResidenza: '',
    comuneResidenza: '',
    provinciaResidenza: '',
    email: '',
    pec: '',
    professione: '',
  };
}

/** A new registration from what the old portal's RAA registration declared (SPID gives name and codice fiscale). */
function claimedForm(me: Me | null, claim: LegacyRaaClaim): RaaForm {
  return {
    ...emptyForm(me),
    dataNascita: claim.dataNascita ?? '',
    luogoNascita: claim.luogoNascita ?? '',
    email: claim.email ?? '',
    pec: claim.pec ?? '',
    professione: claim.professione ?? '',
  };
}

function formOf(r: ApplicantRequest): RaaForm {
  return {
    cognome: r.person.cognome,
    nome: r.person.nome,
    dataNascita: r.person.dataNascita ?? '',
    luogoNascita: r.person.luogoNascita ?? '',
    codiceFiscale: r.person.codiceFiscale,
    indirizzoResidenza: r.indirizzoResidenza ?? '',
    comuneResidenza: r.territory.comune ?? '',
    provinciaResidenza: r.territory.provincia ?? '',
    email: r.person.email,
    pec: r.person.pec ?? '',
    professione: r.professione ?? '',
  };
}

/**
 * REGISTRAZIONE AVVOCATI ED ENTI AUTORIZZATI PER ACCESSO AGLI ATTI (Provincia di Como), only the RAA module: the
 * DATI PERSONA and the Professione/Ruolo. Sent, Profila mails a confirmation link to the declared PEC (the manual's
 * PEC step, done by the system); only once it is confirmed does the request reach the operators.
 */
export function RaaRegistrationPage() {
  usePageTitle(TITLE);
  const { state } = useSession();
  const me = state.status === 'authenticated' ? state.me : null;
  const r = useApplicantRequest<RaaForm>('raa', { create: applicantApi.createRaa, update: applicantApi.updateRaa });
  // From "Accedi all'utenza RAA": the old registration's data pre-fill a new one.
  const claim = (useLocation().state as RaaRegistrationPrefill | null)?.raaClaim ?? null;
  const [form, setForm] = useState<RaaForm>(() => (claim ? claimedForm(me, claim) : emptyForm(me)));
  const set = (patch: Partial<RaaForm>) => setForm((f) => ({ ...f, ...patch }));
  const { current, errors } = r;
  const editable = !current || current.editable;

  useEffect(() => {
    if (me && !current) setForm((f) => (f.codiceFiscale ? f : claim ? claimedForm(me, claim) : emptyForm(me)));
  }, [me, current, claim]);

  const open = (request: ApplicantRequest | null) => {
    r.open(request);
    setForm(request ? formOf(request) : claim ? claimedForm(me, claim) : emptyForm(me));
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void r.save(form);
  };
  const field = (id: keyof RaaForm, label: string, extra: { hint?: string; type?: 'email'; upper?: boolean } = {}) => (
    <TextField
      id={id}
      label={label}
      type={extra.type}
      hint={extra.hint}
      value={form[id]}
      error={errors[id]}
      onChange={(v) => set({ [id]: extra.upper ? v.toUpperCase() : v })}
    />
  );

  return (
    <>
      <ReservedHeading title={TITLE}>
        Per gli iscritti all&apos;ordine degli avvocati e per chi, con una motivazione valida, chiede di conoscere la
        situazione lavorativa di una persona (modulo RAA). Dopo l&apos;invio riceverai alla PEC indicata un collegamento
        per confermarla: solo allora la richiesta passa all&apos;operatore.
      </ReservedHeading>

      <MyRequests
        items={r.mine}
        describe={(x) => `${x.person.cognome} ${x.person.nome}${x.professione ? ` (${x.professione})` : ''}`}
        onOpen={open}
      />
      <RequestNotices current={current} message={r.message} failure={r.failure} />
      {current?.state === 'awaiting-pec' && (
        <div className="callout note mt-0 mb-4" data-testid="pec-pending">
          <div className="callout-title">Conferma la PEC</div>
          <p className="mb-0">
            Abbiamo inviato a {current.person.pec} un collegamento di conferma: aprilo per completare la registrazione.
          </p>
        </div>
      )}

      {!current &&
        (claim ? (
          <div className="callout note mt-0 mb-4" data-testid="raa-claimed">
            <div className="callout-title">Dati recuperati dal vecchio portale</div>
            <p className="mb-0">
              I dati sono quelli della tua utenza RAA «{claim.username}»: controllali, completa la residenza e salva.
            </p>
          </div>
        ) : (
          <p>
            Eri già registrato per l&apos;accesso agli atti sul vecchio portale?{' '}
            <Link to={RAA_CLAIM_PATH}>Accedi all&apos;utenza RAA</Link> per recuperare i tuoi dati.
          </p>
        ))}

      <form onSubmit={save} noValidate aria-labelledby="dati-persona">
        <h2 id="dati-persona" className="h4">
          Dati persona
        </h2>
        <fieldset disabled={!editable}>
          <div className="row">
            {field('cognome', 'Cognome *')}
            {field('nome', 'Nome *')}
            {field('dataNascita', 'Data di Nascita *', { hint: 'Nel formato AAAA-MM-GG, esempio: 1970-10-01' })}
            {field('luogoNascita', 'Comune di Nascita o Stato Estero *', {
              hint: 'Codice catastale del comune, o Z… per uno stato estero',
              upper: true,
            })}
            {field('codiceFiscale', 'Codice Fiscale *', { upper: true })}
            {field('indirizzoResidenza', 'Indirizzo di Residenza *')}
            {field('comuneResidenza', 'Comune di Residenza *', { hint: 'Codice catastale del comune', upper: true })}
            {field('provinciaResidenza', 'Provincia di Residenza *', { hint: 'Sigla, esempio: CO', upper: true })}
            {field('email', 'E-Mail *', {
              type: 'email',
              hint: "L'indirizzo e-mail verrà utilizzato per le comunicazioni sulla registrazione",
            })}
            {field('pec', 'PEC *', { type: 'email', hint: 'Riceve il collegamento di conferma' })}
            {field('professione', 'Professione/Ruolo')}
          </div>
          <p className="small">Servizio per il quale si chiede la registrazione: RAA (accesso agli atti).</p>
          <button type="submit" className="btn btn-primary mb-4">
            Salva
          </button>
        </fieldset>
      </form>

      {current?.documents && (r.sendLabel || current.documents.length > 0) && (
        <RequestDocuments
          slots={current.documents}
          editable={editable}
          errors={errors}
          onFile={(slot, file) => void r.attach(slot, file)}
          sendLabel={r.sendLabel}
          onSend={() =>
            void r.send((s) =>
              s.state === 'awaiting-pec'
                ? `Richiesta registrata: conferma la PEC ${s.person.pec} con il collegamento che ti abbiamo inviato.`
                : `Operazione effettuata: richiesta ${s.stateLabel.toLowerCase()}.`,
            )
          }
        />
      )}
    </>
  );
}
