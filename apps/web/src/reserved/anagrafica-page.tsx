import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, type FieldErrors, ReadOnlyField, SelectField, TextField, useSession } from '@profila/ui';
import { type Anagrafica, type AnagraficaUpdate, identityApi } from '../api/identity';
import { usePageTitle } from '../site';
import { countries, countryCodeOf } from './cittadinanze';
import { ReservedHeading } from './reserved-heading';
import { RESERVED_HOME } from './reserved-menu';

const IDP_NOTE =
  "I dati forniti dal gestore dell'identità digitale non sono modificabili: per correggerli rivolgiti al tuo gestore";

type Editable = 'cittadinanza' | 'pec' | 'telefono' | 'fax' | 'titoloStudio';
type FormValues = Record<Editable, string>;

const EDITABLE: Editable[] = ['cittadinanza', 'pec', 'telefono', 'fax', 'titoloStudio'];

const FIELD_LABELS: Record<Editable, string> = {
  cittadinanza: 'Cittadinanza',
  pec: 'PEC',
  telefono: 'Telefono',
  fax: 'Fax',
  titoloStudio: 'Titolo di studio',
};

function valuesOf(data: Anagrafica): FormValues {
  return {
    cittadinanza: countryCodeOf(data.altriDati.cittadinanza),
    pec: data.recapiti.pec ?? '',
    telefono: data.recapiti.telefono ?? '',
    fax: data.recapiti.fax ?? '',
    titoloStudio: data.altriDati.titoloStudio ?? '',
  };
}

/** "2019-01-15" → "15/01/2019"; anything else as it is. */
function italianDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

function joined(parts: Array<string | null | undefined>, separator = ' '): string | null {
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length ? present.join(separator) : null;
}

function documentoText(documento: Anagrafica['documento']): string | null {
  if (!documento) return null;
  return joined(
    [
      joined([documento.tipo, documento.numero]),
      documento.rilasciatoDa ? `rilasciato da ${documento.rilasciatoDa}` : null,
      documento.dataRilascio ? `il ${italianDate(documento.dataRilascio)}` : null,
      documento.dataScadenza ? `scadenza ${italianDate(documento.dataScadenza)}` : null,
    ],
    ', ',
  );
}

const SESSO: Record<string, string> = { M: 'Maschile', F: 'Femminile' };

type Outcome = { kind: 'saved' } | { kind: 'invalid'; message: string } | { kind: 'failed'; message: string } | null;

/** "Gestione anagrafica" → "Modifica utente": the four panels of the Servizi Lavoro manual (section 3.1). */
export function AnagraficaPage() {
  usePageTitle('Gestione anagrafica');
  const session = useSession();
  const [data, setData] = useState<Anagrafica | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<FormValues | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [saving, setSaving] = useState(false);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const { expired } = session;

  useEffect(() => {
    let active = true;
    identityApi.anagrafica().then(
      (loaded) => {
        if (!active) return;
        setData(loaded);
        setValues(valuesOf(loaded));
      },
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.unauthenticated) expired();
        else setLoadError(error instanceof ApiError ? error.message : 'Caricamento dei dati non riuscito.');
      },
    );
    return () => {
      active = false;
    };
  }, [expired]);

  // After saving, bring the outcome (or the first wrong field) to the user's attention.
  useEffect(() => {
    if (!outcome) return;
    const firstInvalid = EDITABLE.find((field) => errors[field]);
    if (outcome.kind === 'invalid' && firstInvalid) document.getElementById(firstInvalid)?.focus();
    else outcomeRef.current?.focus();
  }, [outcome, errors]);

  if (loadError) {
    return (
      <>
        <ReservedHeading title="Gestione anagrafica" />
        <div className="alert alert-danger" role="alert">
          {loadError}
        </div>
      </>
    );
  }
  if (!data || !values) {
    return (
      <>
        <ReservedHeading title="Gestione anagrafica" />
        <p role="status">Caricamento dei dati in corso…</p>
      </>
    );
  }

  const editable = new Set(data.editable);
  const set = (field: Editable) => (value: string) => {
    setValues({ ...values, [field]: value });
    if (errors[field]) setErrors({ ...errors, [field]: '' });
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setOutcome(null);
    const update: AnagraficaUpdate = {};
    for (const field of EDITABLE) {
      if (!editable.has(field)) continue;
      // Numbers are digits only for the service: the separators people type ("06 1234 5678") go.
      const value = field === 'telefono' || field === 'fax' ? values[field].replace(/[\s.\-/()]/g, '') : values[field];
      update[field] = value.trim() || null;
    }
    try {
      const saved = await identityApi.saveAnagrafica(update);
      setData(saved);
      setValues(valuesOf(saved));
      setErrors({});
      setOutcome({ kind: 'saved' });
    } catch (error) {
      if (error instanceof ApiError && error.unauthenticated) {
        expired();
        return;
      }
      if (error instanceof ApiError && error.status === 400 && Object.keys(error.fieldErrors).length > 0) {
        setErrors(error.fieldErrors);
        setOutcome({ kind: 'invalid', message: 'Dati non salvati: correggi i campi indicati.' });
      } else {
        setErrors({});
        setOutcome({
          kind: 'failed',
          message: error instanceof ApiError ? error.message : 'Salvataggio non riuscito: riprova.',
        });
      }
    } finally {
      setSaving(false);
    }
  };

  const { anagrafica, domicilio, recapiti } = data;
  const known = countries();
  // A stored name this browser does not know stays selectable, so saving does not clear it.
  const cittadinanze =
    values.cittadinanza && !known.some((c) => c.code === values.cittadinanza)
      ? [{ code: values.cittadinanza, name: values.cittadinanza }, ...known]
      : known;
  const wrongFields = EDITABLE.filter((field) => errors[field]);

  return (
    <>
      <ReservedHeading title="Gestione anagrafica">Modifica utente</ReservedHeading>
      <div className="callout note mt-0 mb-4">
        <div className="callout-title">Dati dell&apos;identità digitale</div>
        <p id="nota-dati-idp">{IDP_NOTE}.</p>
      </div>

      {outcome && (
        <div
          ref={outcomeRef}
          tabIndex={-1}
          className={`alert ${outcome.kind === 'saved' ? 'alert-success' : 'alert-danger'}`}
          role={outcome.kind === 'saved' ? 'status' : 'alert'}
        >
          {outcome.kind === 'saved' ? (
            'Dati salvati correttamente'
          ) : (
            <>
              <p className="mb-1">{outcome.message}</p>
              {wrongFields.length > 0 && (
                <ul className="mb-0">
                  {wrongFields.map((field) => (
                    <li key={field}>
                      <a
                        href={`#${field}`}
                        onClick={(event) => {
                          event.preventDefault();
                          document.getElementById(field)?.focus();
                        }}
                      >
                        {FIELD_LABELS[field]}
                      </a>
                      : {errors[field]}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
      )}

      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Modifica utente">
        <fieldset className="anagrafica-panel">
          <legend>Anagrafica</legend>
          <div className="row">
            <ReadOnlyField id="cognome" label="Cognome" value={anagrafica.cognome} />
            <ReadOnlyField id="nome" label="Nome" value={anagrafica.nome} />
            <ReadOnlyField
              id="luogoNascita"
              label="Comune o stato estero di nascita"
              value={joined([
                anagrafica.luogoNascita,
                anagrafica.provinciaNascita ? `(${anagrafica.provinciaNascita})` : null,
              ])}
            />
            <ReadOnlyField id="dataNascita" label="Data di nascita" value={italianDate(anagrafica.dataNascita)} />
            <ReadOnlyField id="codiceFiscale" label="Codice fiscale" value={anagrafica.codiceFiscale} />
            <ReadOnlyField
              id="sesso"
              label="Sesso"
              value={anagrafica.sesso ? (SESSO[anagrafica.sesso] ?? anagrafica.sesso) : null}
            />
            <ReadOnlyField id="documento" label="Documento d'identità" value={documentoText(data.documento)} wide />
            {editable.has('cittadinanza') && (
              <SelectField
                id="cittadinanza"
                label="Cittadinanza"
                value={values.cittadinanza}
                onChange={set('cittadinanza')}
                error={errors.cittadinanza}
                placeholder="Seleziona la cittadinanza"
              >
                {cittadinanze.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
        </fieldset>

        <fieldset className="anagrafica-panel">
          <legend>Domicilio</legend>
          <div className="row">
            <ReadOnlyField id="indirizzo" label="Indirizzo di domicilio" value={domicilio?.indirizzo ?? null} wide />
            <ReadOnlyField id="cap" label="CAP" value={domicilio?.cap ?? null} />
            <ReadOnlyField
              id="comune"
              label="Comune"
              value={joined([domicilio?.comune, domicilio?.provincia ? `(${domicilio.provincia})` : null])}
            />
          </div>
        </fieldset>

        <fieldset className="anagrafica-panel">
          <legend>Recapiti</legend>
          <div className="row">
            <ReadOnlyField id="email" label="E-mail" value={recapiti.email} />
            <ReadOnlyField id="cellulare" label="Cellulare" value={recapiti.cellulare} />
            {editable.has('pec') && (
              <TextField
                id="pec"
                label="PEC"
                type="email"
                value={values.pec}
                onChange={set('pec')}
                error={errors.pec}
                hint="Indirizzo di posta elettronica certificata, per esempio nome.cognome@pec.it"
                autoComplete="email"
              />
            )}
            {editable.has('telefono') && (
              <TextField
                id="telefono"
                label="Telefono"
                type="tel"
                value={values.telefono}
                onChange={set('telefono')}
                error={errors.telefono}
                hint="Con il prefisso, per esempio +39 06 1234567"
                autoComplete="tel"
              />
            )}
            {editable.has('fax') && (
              <TextField id="fax" label="Fax" type="tel" value={values.fax} onChange={set('fax')} error={errors.fax} />
            )}
          </div>
        </fieldset>

        <fieldset className="anagrafica-panel">
          <legend>Altri dati</legend>
          <div className="row">
            {editable.has('titoloStudio') && (
              <SelectField
                id="titoloStudio"
                label="Titolo di studio"
                value={values.titoloStudio}
                onChange={set('titoloStudio')}
                error={errors.titoloStudio}
                placeholder="Seleziona il titolo di studio"
              >
                {data.titoliStudio.map((titolo) => (
                  <option key={titolo.codice} value={titolo.codice}>
                    {titolo.descrizione}
                  </option>
                ))}
              </SelectField>
            )}
          </div>
        </fieldset>

        <div className="d-flex flex-wrap gap-3 mt-4">
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Salvataggio in corso…' : 'Salva'}
          </button>
          <Link className="btn btn-outline-primary" to={RESERVED_HOME}>
            Torna alla home dei servizi
          </Link>
        </div>
      </form>
    </>
  );
}
