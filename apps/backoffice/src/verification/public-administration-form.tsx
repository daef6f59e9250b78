import { ApiError, type FieldErrors, fieldsOf, messageOf, TextField } from '@profila/ui';
import { type FormEvent, useState } from 'react';
import { operatorApi, type PublicAdministrationForm, type VerificationRequest } from './api';

/**
 * A Responsabile unico request names a PA that is not in the registry: the operator adds it, from the sample of the
 * IPA open data when the codice fiscale is there (the fields come filled in), or by hand. The registry's own checks
 * answer field by field.
 */
export function PublicAdministrationSection({
  request,
  onAdded,
}: {
  request: VerificationRequest;
  onAdded: (next: VerificationRequest) => void;
}) {
  const ipa = request.ipa;
  const [form, setForm] = useState<PublicAdministrationForm>({
    denominazione: ipa?.denominazione ?? '',
    comune: ipa?.comune ?? request.territory.comune ?? '',
    provincia: ipa?.provincia ?? request.territory.provincia ?? '',
    indirizzo: ipa?.indirizzo ?? '',
    cap: '',
    email: '',
    codiceIpa: ipa?.codiceIpa ?? '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<PublicAdministrationForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    try {
      onAdded(await operatorApi.addPublicAdministration(request.id, form));
    } catch (error) {
      setErrors(fieldsOf(error));
      if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') setFailure(messageOf(error));
    }
  };

  return (
    <section className="mb-4" aria-labelledby="pa-titolo" data-testid="add-pa">
      <h2 id="pa-titolo" className="h4">
        Amministrazione non in anagrafica
      </h2>
      <p>
        Il codice fiscale {request.organization?.codiceFiscale} non è nell&apos;anagrafica delle organizzazioni:
        {ipa
          ? ' i dati trovati nell’Indice dei domicili digitali della PA (IPA) sono già inseriti, completali e aggiungi l’amministrazione.'
          : ' non è nemmeno nell’IPA, inserisci i dati dell’amministrazione.'}{' '}
        Il Responsabile unico si abilita dopo.
      </p>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <div className="row">
          <TextField
            id="pa-denominazione"
            label="Denominazione *"
            value={form.denominazione}
            error={errors.denominazione}
            onChange={(v) => set({ denominazione: v })}
          />
          <TextField
            id="pa-codiceIpa"
            label="Codice IPA"
            value={form.codiceIpa}
            error={errors.codiceIpa}
            onChange={(v) => set({ codiceIpa: v })}
          />
          <TextField
            id="pa-indirizzo"
            label="Indirizzo *"
            value={form.indirizzo}
            error={errors.indirizzo}
            onChange={(v) => set({ indirizzo: v })}
          />
          <TextField
            id="pa-comune"
            label="Comune * (codice catastale)"
            value={form.comune}
            error={errors.comune}
            onChange={(v) => set({ comune: v.toUpperCase() })}
          />
          <TextField
            id="pa-provincia"
            label="Provincia * (sigla)"
            value={form.provincia}
            error={errors.provincia}
            onChange={(v) => set({ provincia: v.toUpperCase() })}
          />
          <TextField id="pa-cap" label="CAP" value={form.cap} error={errors.cap} onChange={(v) => set({ cap: v })} />
          <TextField
            id="pa-email"
            type="email"
            label="E-mail dell'amministrazione *"
            value={form.email}
            error={errors.email}
            onChange={(v) => set({ email: v })}
          />
        </div>
        <button type="submit" className="btn btn-primary">
          Aggiungi l&apos;amministrazione
        </button>
      </form>
    </section>
  );
}

/**
 * A Responsabile unico who changes administration (FAQ: "non sono più in servizio nella amministrazione…"): the
 * operator ends the role they hold, so that the new administration's request can be sent and approved.
 */
export function EndResponsabileSection({ request }: { request: VerificationRequest }) {
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const { person } = request;

  const end = async () => {
    setFailure(null);
    try {
      const answer = await operatorApi.endResponsabile(person.codiceFiscale);
      setDone(
        `Ruolo terminato: ${person.cognome} ${person.nome} non è più Responsabile unico di ${answer.ragioneSociale}.`,
      );
      setConfirming(false);
    } catch (error) {
      setFailure(messageOf(error));
    }
  };

  return (
    <section className="mb-4" aria-labelledby="fine-ruolo-titolo" data-testid="end-responsabile">
      <h2 id="fine-ruolo-titolo" className="h4">
        Cambio di amministrazione
      </h2>
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : (
        <>
          <p>
            Se {person.cognome} {person.nome} non è più in servizio presso questa amministrazione, termina il ruolo di
            Responsabile unico: potrà essere registrato per la nuova amministrazione.
          </p>
          {failure && (
            <div className="alert alert-danger" role="alert">
              {failure}
            </div>
          )}
          {confirming ? (
            <div className="d-flex gap-2">
              <button type="button" className="btn btn-danger" onClick={() => void end()}>
                Conferma: termina il ruolo
              </button>
              <button type="button" className="btn btn-outline-secondary" onClick={() => setConfirming(false)}>
                Annulla
              </button>
            </div>
          ) : (
            <button type="button" className="btn btn-outline-danger" onClick={() => setConfirming(true)}>
              Termina il ruolo di Responsabile unico
            </button>
          )}
        </>
      )}
    </section>
  );
}
