import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, type FieldErrors, useSession } from '@profila/ui';
import { usePageTitle } from '../site';
import { comuniLoader, Field, loadProvince, Select } from './fields';
import { SETTORI_ECONOMICI, TIPI_AZIENDA, TIPI_ENTE, TIPI_SOGGETTO_ABILITATO } from './labels';
import { type Suggestion, TypeAheadField } from './place-typeahead';
import { PROFILES, ProfilesHeading } from './profiles-nav';
import { fieldsOf, messageOf, type OrganizationHit, registryApi } from './registry-api';

type Soggetto = 'azienda' | 'ente' | 'pa';

interface FormState {
  codiceFiscale: string;
  partitaIva: string;
  codiceIdentificativo: string;
  ragioneSociale: string;
  settoreEconomico: string;
  provincia: Suggestion | null;
  comune: Suggestion | null;
  statoEstero: Suggestion | null;
  citta: string;
  cap: string;
  indirizzo: string;
  email: string;
  pec: string;
  telefono: string;
  fax: string;
  tipoAzienda: string;
  tipoSoggettoAbilitato: string;
  tipoEnte: string;
  formaGiuridica: string;
  codiceIpa: string;
}

const EMPTY: FormState = {
  codiceFiscale: '',
  partitaIva: '',
  codiceIdentificativo: '',
  ragioneSociale: '',
  settoreEconomico: '',
  provincia: null,
  comune: null,
  statoEstero: null,
  citta: '',
  cap: '',
  indirizzo: '',
  email: '',
  pec: '',
  telefono: '',
  fax: '',
  tipoAzienda: '',
  tipoSoggettoAbilitato: '',
  tipoEnte: '',
  formaGiuridica: '',
  codiceIpa: '',
};

const loadStati = async (text: string): Promise<Suggestion[]> =>
  (await registryApi.statiEsteri(text)).items.map((s) => ({ code: s.codiceBelfiore, label: s.nome }));

/** Optional fields left blank are not sent. */
function compact(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== '' && v !== undefined && v !== null));
}

/**
 * "Registra azienda" (Servizi Lavoro, §3.2): Italian company ("Sei in possesso di Codice fiscale? SI"), foreign
 * company ("NO"), ente operatore, pubblica amministrazione. Saving leads straight to the association of the new record.
 */
export function RegisterPage() {
  usePageTitle('Registra azienda');
  const navigate = useNavigate();
  const { expired } = useSession();
  const [soggetto, setSoggetto] = useState<Soggetto>('azienda');
  const [italiana, setItaliana] = useState(true);
  const [form, setForm] = useState<FormState>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [existing, setExisting] = useState<OrganizationHit | null>(null);
  const [lookup, setLookup] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));

  const foreign = soggetto === 'azienda' && !italiana;
  const readOnly = existing !== null;

  const search = async () => {
    setLookup(null);
    setExisting(null);
    setAlert(null);
    const cf = form.codiceFiscale.trim().toUpperCase();
    if (!cf) {
      setErrors({ codiceFiscale: 'Campo obbligatorio' });
      return;
    }
    try {
      const { items } = await registryApi.search(cf, 'italiane');
      const hit = items.find((h) => h.codiceFiscale === cf);
      if (hit) {
        setExisting(hit);
        set({ ragioneSociale: hit.ragioneSociale, citta: hit.comune ?? '' });
      } else {
        setLookup('Codice fiscale non presente in archivio: compilare i campi richiesti.');
      }
      setErrors({});
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) expired();
      else setErrors(fieldsOf(e).q ? { codiceFiscale: fieldsOf(e).q } : {});
      setAlert(messageOf(e));
    }
  };

  const body = (): {
    path: 'italiane' | 'estere' | 'enti' | 'pubbliche-amministrazioni';
    data: Record<string, unknown>;
  } => {
    const contacts = {
      ragioneSociale: form.ragioneSociale,
      indirizzo: form.indirizzo,
      telefono: form.telefono,
      fax: form.fax,
      email: form.email,
      cap: form.cap,
    };
    if (foreign) {
      return {
        path: 'estere',
        data: compact({
          ...contacts,
          codiceIdentificativo: form.codiceIdentificativo,
          statoEstero: form.statoEstero?.code ?? '',
          citta: form.citta,
        }),
      };
    }
    const sede = {
      ...contacts,
      codiceFiscale: form.codiceFiscale,
      provincia: form.provincia?.code ?? '',
      comune: form.comune?.code ?? '',
      pec: form.pec,
    };
    const tipi = form.tipoSoggettoAbilitato ? [form.tipoSoggettoAbilitato] : undefined;
    if (soggetto === 'ente') {
      return {
        path: 'enti',
        data: compact({
          ...sede,
          tipoEnte: form.tipoEnte,
          formaGiuridica: form.formaGiuridica,
          tipiSoggettoAbilitato: tipi,
        }),
      };
    }
    if (soggetto === 'pa')
      return { path: 'pubbliche-amministrazioni', data: compact({ ...sede, codiceIpa: form.codiceIpa }) };
    return {
      path: 'italiane',
      data: compact({
        ...sede,
        partitaIva: form.partitaIva,
        settoreEconomico: form.settoreEconomico,
        tipoAzienda: form.tipoAzienda,
        tipiSoggettoAbilitato: tipi,
      }),
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (existing) return;
    setSaving(true);
    setErrors({});
    setAlert(null);
    try {
      const { path, data } = body();
      const created = await registryApi.register(path, data);
      const hit: OrganizationHit = {
        id: created.id,
        ragioneSociale: created.ragioneSociale,
        codiceFiscale: created.codiceFiscale ?? form.codiceIdentificativo,
        comune: foreign ? form.citta : (form.comune?.label ?? null),
        kind: foreign
          ? 'azienda-estera'
          : soggetto === 'ente'
            ? 'ente-operatore'
            : soggetto === 'pa'
              ? 'pubblica-amministrazione'
              : 'azienda-italiana',
      };
      void navigate(`${PROFILES}/associa`, { state: { registered: hit } });
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) {
        expired();
        return;
      }
      setErrors(fieldsOf(e));
      setAlert(e instanceof ApiError && e.status === 409 ? 'codice fiscale già presente in archivio' : messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  const changeKind = (next: Soggetto, nextItaliana = true) => {
    setSoggetto(next);
    setItaliana(nextItaliana);
    setErrors({});
    setAlert(null);
    setExisting(null);
    setLookup(null);
  };

  return (
    <>
      <ProfilesHeading title="Registra azienda">
        Registra un&apos;azienda, un ente operatore o una pubblica amministrazione non ancora presente; dopo il
        salvataggio potrai associarla a te.
      </ProfilesHeading>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="anagrafica-panel">
          <legend>Tipo di soggetto</legend>
          {(
            [
              ['azienda', 'Azienda'],
              ['ente', 'Ente operatore (Regione, agenzia per il lavoro, patronato, ente di formazione…)'],
              ['pa', 'Pubblica amministrazione'],
            ] as const
          ).map(([value, label]) => (
            <div className="form-check form-check-inline" key={value}>
              <input
                className="form-check-input"
                type="radio"
                name="soggetto"
                id={`soggetto-${value}`}
                checked={soggetto === value}
                onChange={() => changeKind(value)}
              />
              <label className="form-check-label" htmlFor={`soggetto-${value}`}>
                {label}
              </label>
            </div>
          ))}
          {soggetto === 'azienda' && (
            <fieldset className="mt-3">
              <legend className="h6">Sei in possesso di Codice fiscale?</legend>
              <div className="btn-group" role="group">
                <button
                  type="button"
                  className={`btn ${italiana ? 'btn-primary' : 'btn-outline-primary'}`}
                  aria-pressed={italiana}
                  onClick={() => changeKind('azienda', true)}
                >
                  SI
                </button>
                <button
                  type="button"
                  className={`btn ${!italiana ? 'btn-primary' : 'btn-outline-primary'}`}
                  aria-pressed={!italiana}
                  onClick={() => changeKind('azienda', false)}
                >
                  NO
                </button>
              </div>
            </fieldset>
          )}
        </fieldset>

        <fieldset className="anagrafica-panel">
          <legend>
            {foreign
              ? 'Anagrafica azienda estera'
              : soggetto === 'azienda'
                ? 'Creazione Anagrafica Azienda'
                : soggetto === 'ente'
                  ? 'Anagrafica ente operatore'
                  : 'Anagrafica pubblica amministrazione'}
          </legend>
          <p className="form-text">I campi con l&apos;asterisco (*) sono obbligatori.</p>
          {alert && (
            <div className="alert alert-danger" role="alert">
              {alert}
              {(existing || alert === 'codice fiscale già presente in archivio') && (
                <>
                  {' '}
                  —{' '}
                  <Link to={`${PROFILES}/associa`} state={existing ? { registered: existing } : undefined}>
                    Associa profilo
                  </Link>
                </>
              )}
            </div>
          )}
          {existing && !alert && (
            <div className="alert alert-warning" role="alert">
              codice fiscale già presente in archivio: l&apos;azienda non può essere registrata di nuovo.{' '}
              <Link to={`${PROFILES}/associa`} state={{ registered: existing }}>
                Associa profilo
              </Link>
            </div>
          )}
          {lookup && (
            <div className="alert alert-info" role="status">
              {lookup}
            </div>
          )}
          <div className="row">
            {foreign ? (
              <Field
                id="codice-identificativo"
                label="Codice identificativo"
                required
                value={form.codiceIdentificativo}
                onChange={(v) => set({ codiceIdentificativo: v })}
                error={errors.codiceIdentificativo}
              />
            ) : (
              <div className="col-md-6">
                <div className="d-flex align-items-start gap-2">
                  <div className="flex-grow-1 row">
                    <Field
                      id="codice-fiscale"
                      label={
                        soggetto === 'pa'
                          ? 'Codice fiscale ente'
                          : soggetto === 'ente'
                            ? 'Partita IVA / Codice fiscale'
                            : 'Codice Fiscale'
                      }
                      required
                      wide
                      value={form.codiceFiscale}
                      onChange={(v) => {
                        setExisting(null);
                        setLookup(null);
                        set({ codiceFiscale: v.toUpperCase() });
                      }}
                      error={errors.codiceFiscale}
                      maxLength={16}
                    />
                  </div>
                  {soggetto === 'azienda' && (
                    <button type="button" className="btn btn-outline-primary mt-4" onClick={() => void search()}>
                      Ricerca
                    </button>
                  )}
                </div>
              </div>
            )}
            <Field
              id="ragione-sociale"
              label={soggetto === 'azienda' ? 'Ragione Sociale' : 'Denominazione'}
              required
              readOnly={readOnly}
              value={form.ragioneSociale}
              onChange={(v) => set({ ragioneSociale: v })}
              error={errors.ragioneSociale}
            />
            {soggetto === 'azienda' && italiana && (
              <>
                <Field
                  id="partita-iva"
                  label="Partita IVA"
                  readOnly={readOnly}
                  value={form.partitaIva}
                  onChange={(v) => set({ partitaIva: v })}
                  error={errors.partitaIva}
                />
                <Select
                  id="settore-economico"
                  label="Settore Economico"
                  placeholder="Selezionare il tipo di Settore"
                  disabled={readOnly}
                  value={form.settoreEconomico}
                  onChange={(v) => set({ settoreEconomico: v })}
                  error={errors.settoreEconomico}
                >
                  {SETTORI_ECONOMICI.map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </Select>
              </>
            )}
            {soggetto === 'ente' && (
              <>
                <Select
                  id="tipo-ente"
                  label="Tipo di ente"
                  required
                  placeholder="Selezionare il tipo di ente"
                  value={form.tipoEnte}
                  onChange={(v) => set({ tipoEnte: v })}
                  error={errors.tipoEnte}
                >
                  {TIPI_ENTE.map(([code, label]) => (
                    <option key={code} value={code}>
                      {label}
                    </option>
                  ))}
                </Select>
                <Field
                  id="forma-giuridica"
                  label="Forma giuridica"
                  value={form.formaGiuridica}
                  onChange={(v) => set({ formaGiuridica: v })}
                  error={errors.formaGiuridica}
                />
              </>
            )}
            {soggetto === 'pa' && (
              <Field
                id="codice-ipa"
                label="Codice IPA"
                value={form.codiceIpa}
                onChange={(v) => set({ codiceIpa: v })}
                error={errors.codiceIpa}
              />
            )}
            {foreign ? (
              <>
                <TypeAheadField
                  id="stato-estero"
                  label="Stato estero"
                  required
                  value={form.statoEstero}
                  onPick={(picked) => set({ statoEstero: picked })}
                  load={loadStati}
                  error={errors.statoEstero}
                />
                <Field
                  id="citta"
                  label="Città"
                  required
                  value={form.citta}
                  onChange={(v) => set({ citta: v })}
                  error={errors.citta}
                />
              </>
            ) : readOnly ? (
              <Field id="comune-esistente" label="Comune Sede Legale" readOnly value={form.citta} />
            ) : (
              <>
                <TypeAheadField
                  id="provincia"
                  label="Provincia Sede Legale"
                  required
                  value={form.provincia}
                  onPick={(picked) => set({ provincia: picked, comune: null })}
                  load={loadProvince}
                  error={errors.provincia}
                />
                <TypeAheadField
                  id="comune"
                  label="Comune Sede Legale"
                  required
                  disabled={!form.provincia}
                  hint={form.provincia ? undefined : 'Selezionare prima la provincia'}
                  value={form.comune}
                  onPick={(picked) => set({ comune: picked })}
                  load={form.provincia ? comuniLoader(form.provincia.code) : async () => []}
                  error={errors.comune}
                />
              </>
            )}
            {!readOnly && (
              <>
                <Field
                  id="cap"
                  label="CAP"
                  value={form.cap}
                  onChange={(v) => set({ cap: v })}
                  error={errors.cap}
                  maxLength={12}
                />
                <Field
                  id="indirizzo"
                  label="Indirizzo Sede Legale"
                  required
                  value={form.indirizzo}
                  onChange={(v) => set({ indirizzo: v })}
                  error={errors.indirizzo}
                />
                <Field
                  id="email"
                  label="Email"
                  type="email"
                  required
                  value={form.email}
                  onChange={(v) => set({ email: v })}
                  error={errors.email}
                />
                {!foreign && (
                  <Field
                    id="pec"
                    label="Pec"
                    type="email"
                    value={form.pec}
                    onChange={(v) => set({ pec: v })}
                    error={errors.pec}
                  />
                )}
                <Field
                  id="telefono"
                  label="Telefono"
                  type="tel"
                  value={form.telefono}
                  onChange={(v) => set({ telefono: v })}
                  error={errors.telefono}
                />
                <Field
                  id="fax"
                  label="Fax"
                  type="tel"
                  value={form.fax}
                  onChange={(v) => set({ fax: v })}
                  error={errors.fax}
                />
              </>
            )}
            {soggetto === 'azienda' && italiana && !readOnly && (
              <Select
                id="tipo-azienda"
                label="Tipo Azienda"
                placeholder="Selezionare il tipo azienda"
                value={form.tipoAzienda}
                onChange={(v) => set({ tipoAzienda: v })}
                error={errors.tipoAzienda}
              >
                {TIPI_AZIENDA.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </Select>
            )}
            {(soggetto === 'ente' || (soggetto === 'azienda' && italiana)) && !readOnly && (
              <Select
                id="tipo-soggetto-abilitato"
                label="Tipo Soggetto Abilitato"
                placeholder="Selezionare il tipo di soggetto abilitato"
                value={form.tipoSoggettoAbilitato}
                onChange={(v) => set({ tipoSoggettoAbilitato: v })}
                error={errors.tipiSoggettoAbilitato ?? errors['tipiSoggettoAbilitato.0']}
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
        <button type="submit" className="btn btn-primary me-2" disabled={saving || readOnly}>
          {saving ? 'Salvataggio in corso…' : 'Salva'}
        </button>
        <Link className="btn btn-outline-secondary" to={`${PROFILES}/associa`}>
          Torna indietro
        </Link>
      </form>
    </>
  );
}
