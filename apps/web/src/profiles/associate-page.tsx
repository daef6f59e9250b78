import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, type FieldErrors, useSession } from '@profila/ui';
import { identityApi } from '../api/identity';
import { usePageTitle } from '../site';
import { Field, Select } from './fields';
import { TIPI_SOGGETTO_ABILITATO } from './labels';
import { PROFILES, ProfilesHeading } from './profiles-nav';
import { fieldsOf, messageOf, type OrganizationHit, registryApi } from './registry-api';

const MAX_BYTES = 3 * 1024 * 1024;
const DECLARATION =
  'Dichiaro che la firma digitale è stata apposta sul file PDF prodotto dal sistema, senza che siano state ' +
  'apportate modifiche alle informazioni contenute.';

type Tipo = 'italiane' | 'estere';

/** "Associa profilo" (Servizi Lavoro, §3.2): search, pick, Passo 1 Scarica PDF, Passo 2 firma, Passo 3 upload. */
export function AssociatePage() {
  usePageTitle('Associa profilo');
  const location = useLocation();
  const registered = (location.state as { registered?: OrganizationHit } | null)?.registered ?? null;
  const [ragioneSociale, setRagioneSociale] = useState('');
  const [codiceFiscale, setCodiceFiscale] = useState('');
  const [tipo, setTipo] = useState<Tipo>(registered?.kind === 'azienda-estera' ? 'estere' : 'italiane');
  const [searchErrors, setSearchErrors] = useState<FieldErrors>({});
  const [results, setResults] = useState<{ tipo: Tipo; items: OrganizationHit[] } | null>(null);
  const [chosen, setChosen] = useState<OrganizationHit | null>(registered);
  const [searching, setSearching] = useState(false);
  const { expired } = useSession();

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const text = codiceFiscale.trim() || ragioneSociale.trim();
    if (text.length < 3) {
      setSearchErrors({ ragioneSociale: 'Inserire almeno 3 caratteri della ragione sociale o il codice fiscale' });
      return;
    }
    setSearchErrors({});
    setSearching(true);
    try {
      const { items } = await registryApi.search(text, tipo);
      setResults({ tipo, items });
      setChosen(null);
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) expired();
      else setSearchErrors({ ragioneSociale: fieldsOf(e).q ?? messageOf(e) });
    } finally {
      setSearching(false);
    }
  };

  return (
    <>
      <ProfilesHeading title="Associa profilo">
        Associa a te un profilo (azienda) già presente nel sistema e non associato ad altri.
      </ProfilesHeading>
      {registered && chosen?.id === registered.id && (
        <div className="alert alert-success" role="status">
          Azienda registrata: {registered.ragioneSociale}. Procedi con l&apos;associazione del profilo.
        </div>
      )}
      <form onSubmit={(e) => void search(e)} noValidate className="anagrafica-panel">
        <div className="row">
          <Field
            id="ricerca-ragione-sociale"
            label="Ragione Sociale (inserire almeno 3 caratteri)"
            value={ragioneSociale}
            onChange={setRagioneSociale}
            error={searchErrors.ragioneSociale}
          />
          <Field id="ricerca-codice-fiscale" label="Codice Fiscale" value={codiceFiscale} onChange={setCodiceFiscale} />
          <Select
            id="ricerca-tipo"
            label="Tipo Profilo"
            placeholder="Tipo profilo"
            value={tipo}
            onChange={(v) => setTipo((v || 'italiane') as Tipo)}
          >
            <option value="italiane">Aziende italiane</option>
            <option value="estere">Aziende estere</option>
          </Select>
        </div>
        <button type="submit" className="btn btn-primary me-2" disabled={searching}>
          Ricerca profili da associare
        </button>
        <Link className="btn btn-outline-primary me-2" to={`${PROFILES}/registra`}>
          Registra azienda
        </Link>
        <Link className="btn btn-outline-secondary" to={`${PROFILES}/associati`}>
          Torna indietro
        </Link>
      </form>

      {results && (
        <section aria-labelledby="associabili" className="mb-4">
          <h2 id="associabili" className="h4">
            {results.tipo === 'estere' ? 'Aziende estere associabili' : 'Aziende italiane associabili'}
          </h2>
          {results.items.length === 0 ? (
            <p>Nessuna azienda trovata con questi criteri.</p>
          ) : (
            <table className="table" aria-labelledby="associabili">
              <thead>
                <tr>
                  <th scope="col">Ragione sociale</th>
                  <th scope="col">{results.tipo === 'estere' ? 'Codice identificativo' : 'Codice fiscale'}</th>
                  <th scope="col">{results.tipo === 'estere' ? 'Città' : 'Comune'}</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.items.map((hit) => (
                  <tr key={hit.id}>
                    <td>{hit.ragioneSociale}</td>
                    <td>{hit.codiceFiscale}</td>
                    <td>{hit.comune ?? '—'}</td>
                    <td>
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-xs"
                        aria-label={`Associa ${hit.ragioneSociale}`}
                        onClick={() => setChosen(hit)}
                      >
                        Associa
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {chosen && <AssociationSteps key={chosen.id} organization={chosen} onClose={() => setChosen(null)} />}
    </>
  );
}

function AssociationSteps({ organization, onClose }: { organization: OrganizationHit; onClose: () => void }) {
  const navigate = useNavigate();
  const { expired, refresh } = useSession();
  const [declarant, setDeclarant] = useState({ nome: '', cognome: '', dataNascita: '', luogoNascita: '' });
  const [tipoSoggetto, setTipoSoggetto] = useState('');
  const [needsTipo, setNeedsTipo] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [requestCode, setRequestCode] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [ticked, setTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const panel = useRef<HTMLElement>(null);
  // The development signer exists only where the dev IdP does (embedded mode): only there is it mentioned.
  const [devMode, setDevMode] = useState(false);

  useEffect(() => {
    identityApi.idps('spid').then(
      (idps) => setDevMode(idps.some((idp) => idp.test)),
      () => undefined,
    );
    panel.current?.scrollIntoView?.({ block: 'start' });
    identityApi.anagrafica().then(
      ({ anagrafica: a }) =>
        setDeclarant({
          nome: a.nome ?? '',
          cognome: a.cognome ?? '',
          dataNascita: a.dataNascita ?? '',
          luogoNascita: a.luogoNascita
            ? `${a.luogoNascita}${a.provinciaNascita ? ` (${a.provinciaNascita})` : ''}`
            : '',
        }),
      () => undefined,
    );
  }, []);

  const download = async () => {
    setBusy(true);
    setRefusal(null);
    setErrors({});
    try {
      const pdf = await registryApi.declaration(organization.id, {
        ...declarant,
        ...(tipoSoggetto ? { tipoSoggettoAbilitato: tipoSoggetto } : {}),
      });
      setRequestCode(pdf.requestCode);
      const url = URL.createObjectURL(pdf.blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = pdf.fileName;
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) {
        expired();
        return;
      }
      const fields = fieldsOf(e);
      if (fields.tipoSoggettoAbilitato) setNeedsTipo(true);
      setErrors(fields);
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const associate = async (event: FormEvent) => {
    event.preventDefault();
    if (!requestCode) {
      setRefusal('Scaricare prima il PDF da firmare (Passo 1).');
      return;
    }
    if (!file) {
      setErrors({ file: 'Caricare il file firmato digitalmente' });
      return;
    }
    if (file.size > MAX_BYTES) {
      setErrors({ file: 'Il file supera la dimensione massima di 3 MB' });
      return;
    }
    setBusy(true);
    setRefusal(null);
    setErrors({});
    try {
      await registryApi.associate(organization.id, requestCode, file);
      setDone(true);
      await refresh();
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) {
        expired();
        return;
      }
      setErrors(fieldsOf(e));
      setRefusal(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <section className="anagrafica-panel" aria-labelledby="esito-associazione">
        <h2 id="esito-associazione" className="h4">
          Associazione Profilo
        </h2>
        <div className="alert alert-success" role="status">
          Associazione effettuata correttamente.
        </div>
        <button type="button" className="btn btn-primary" onClick={() => navigate(`${PROFILES}/associati`)}>
          Chiudi
        </button>
      </section>
    );
  }

  return (
    <section ref={panel} className="anagrafica-panel" aria-labelledby="associazione-titolo">
      <h2 id="associazione-titolo" className="h4">
        Associazione del profilo {organization.ragioneSociale} ({organization.codiceFiscale})
      </h2>
      {refusal && (
        <div className="alert alert-danger" role="alert">
          {refusal}
        </div>
      )}
      <form onSubmit={(e) => void associate(e)} noValidate>
        <fieldset>
          <legend className="h6">Dati del dichiarante</legend>
          <div className="row">
            <Field
              id="dichiarante-nome"
              label="Nome"
              required
              value={declarant.nome}
              onChange={(v) => setDeclarant({ ...declarant, nome: v })}
              error={errors.nome}
            />
            <Field
              id="dichiarante-cognome"
              label="Cognome"
              required
              value={declarant.cognome}
              onChange={(v) => setDeclarant({ ...declarant, cognome: v })}
              error={errors.cognome}
            />
            <Field
              id="dichiarante-data-nascita"
              label="Data di nascita"
              type="date"
              required
              value={declarant.dataNascita}
              onChange={(v) => setDeclarant({ ...declarant, dataNascita: v })}
              error={errors.dataNascita}
            />
            <Field
              id="dichiarante-luogo-nascita"
              label="Luogo di nascita"
              required
              value={declarant.luogoNascita}
              onChange={(v) => setDeclarant({ ...declarant, luogoNascita: v })}
              error={errors.luogoNascita}
            />
            {needsTipo && (
              <Select
                id="tipo-soggetto-abilitato"
                label="Tipo Soggetto Abilitato"
                placeholder="Selezionare un soggetto abilitato"
                value={tipoSoggetto}
                onChange={setTipoSoggetto}
                error={errors.tipoSoggettoAbilitato}
              >
                {TIPI_SOGGETTO_ABILITATO.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
          </div>
        </fieldset>
        <ol className="association-steps">
          <li>
            <strong>Passo 1: Scarica il file PDF generato dal sistema per l&apos;associazione del profilo</strong>
            <div className="mt-2">
              <button type="button" className="btn btn-outline-primary" disabled={busy} onClick={() => void download()}>
                Scarica PDF
              </button>
              {requestCode && (
                <span className="ms-3" role="status">
                  Codice richiesta: <strong>{requestCode}</strong>
                </span>
              )}
            </div>
          </li>
          <li>
            <strong>Passo 2: Firma digitale del file PDF scaricato</strong>
            <p className="form-text mb-0">
              Firma il file con la tua firma digitale (PAdES, o CAdES con estensione .p7m).
              {devMode && (
                <>
                  {' '}
                  Modalità di sviluppo:{' '}
                  <code>npm run dev:sign -- &lt;file.pdf&gt; &lt;codice fiscale&gt; [--cades]</code>.
                </>
              )}
            </p>
          </li>
          <li>
            <strong>
              <label htmlFor="file-firmato">Passo 3: Upload del file PDF firmato digitalmente (max. 3MB)</label>
            </strong>
            <input
              id="file-firmato"
              type="file"
              className="form-control mt-2"
              accept=".pdf,.p7m,application/pdf,application/pkcs7-mime"
              aria-invalid={errors.file ? true : undefined}
              aria-describedby={errors.file ? 'file-firmato-errore' : undefined}
              onChange={(event) => {
                const picked = event.target.files?.[0] ?? null;
                setFile(picked);
                setErrors(
                  picked && picked.size > MAX_BYTES ? { file: 'Il file supera la dimensione massima di 3 MB' } : {},
                );
              }}
            />
            {errors.file && (
              <div id="file-firmato-errore" className="invalid-feedback d-block field-error">
                {errors.file}
              </div>
            )}
          </li>
        </ol>
        <div className="form-check">
          <input
            className="form-check-input"
            type="checkbox"
            id="dichiarazione"
            checked={ticked}
            onChange={(e) => setTicked(e.target.checked)}
          />
          <label className="form-check-label" htmlFor="dichiarazione">
            &quot;{DECLARATION}&quot;
          </label>
          {errors.dichiarazione && <div className="invalid-feedback d-block field-error">{errors.dichiarazione}</div>}
        </div>
        <button type="submit" className="btn btn-primary me-2 mt-3" disabled={!ticked || busy}>
          Associa
        </button>
        <button type="button" className="btn btn-outline-secondary mt-3" onClick={onClose}>
          Chiudi
        </button>
      </form>
    </section>
  );
}
