import { type FormEvent, useState } from 'react';
import { ApiError, type FieldErrors } from '@profila/ui';
import { EMPTY_PERSON, Field, personBody, PersonFields, type PersonForm, Select } from './fields';
import { SETTORI_ECONOMICI } from './labels';
import { useOrganization } from './organization-layout';
import { fieldsOf, messageOf, type Organization, registryApi } from './registry-api';

function personOf(o: Organization): PersonForm {
  const r = o.rappresentanteLegale;
  if (!r) return EMPTY_PERSON;
  return {
    codiceFiscale: r.codiceFiscale,
    nome: r.nome,
    cognome: r.cognome,
    dataNascita: r.dataNascita,
    luogoNascita: {
      code: r.luogoNascitaCodice,
      label: r.luogoNascita
        ? `${r.luogoNascita.nome}${r.luogoNascita.provincia ? ` (${r.luogoNascita.provincia})` : ''}`
        : r.luogoNascitaCodice,
    },
  };
}

/** "Dati azienda" with the Rappresentante legale, whose saving unlocks the other sections. */
export function OrganizationDataPage() {
  const { organization: o, reload } = useOrganization();
  const editable = o.modificabile;
  const [data, setData] = useState({
    ragioneSociale: o.ragioneSociale,
    indirizzo: o.indirizzo,
    cap: o.cap ?? '',
    email: o.email ?? '',
    pec: o.pec ?? '',
    telefono: o.telefono ?? '',
    fax: o.fax ?? '',
    settoreEconomico: o.settoreEconomico ?? '',
  });
  const [person, setPerson] = useState<PersonForm>(personOf(o));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [personErrors, setPersonErrors] = useState<FieldErrors>({});
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setErrors({});
    setPersonErrors({});
    setOutcome(null);
    try {
      const body = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== ''));
      if (o.kind === 'azienda-estera') delete body.settoreEconomico;
      await registryApi.update(o.id, body);
    } catch (e) {
      setErrors(fieldsOf(e));
      setOutcome({ ok: false, text: messageOf(e) });
      setSaving(false);
      return;
    }
    try {
      await registryApi.saveLegalRepresentative(o.id, personBody(person));
      await reload();
      setOutcome({ ok: true, text: 'Dati azienda salvati.' });
    } catch (e) {
      setPersonErrors(fieldsOf(e));
      setOutcome({ ok: false, text: e instanceof ApiError ? e.message : 'Salvataggio non riuscito.' });
    } finally {
      setSaving(false);
    }
  };

  const set = (patch: Partial<typeof data>) => setData((d) => ({ ...d, ...patch }));
  return (
    <section aria-labelledby="dati-azienda">
      <h2 id="dati-azienda" className="h4">
        Dati Azienda
      </h2>
      <p>
        In questa sezione potrai visionare e modificare i dati e le informazioni connesse all&apos;utenza. Ricorda di
        inserire il codice fiscale ed eventualmente aggiornare i dati del rappresentante legale. Il salvataggio delle
        informazioni riportate è obbligatorio per lo sblocco delle altre sezioni.
      </p>
      {outcome && (
        <div
          className={`alert ${outcome.ok ? 'alert-success' : 'alert-danger'}`}
          role={outcome.ok ? 'status' : 'alert'}
        >
          {outcome.text}
        </div>
      )}
      <form onSubmit={(e) => void save(e)} noValidate>
        <fieldset className="anagrafica-panel">
          <legend>Dati Azienda</legend>
          <div className="row">
            <Field
              id="org-codice-fiscale"
              label="Codice Fiscale"
              readOnly
              value={o.codiceFiscale ?? o.codiceIdentificativo ?? ''}
            />
            <Field id="org-partita-iva" label="Partita IVA" readOnly value={o.partitaIva ?? ''} />
            <Field
              id="org-ragione-sociale"
              label="Ragione Sociale"
              required
              readOnly={!editable}
              value={data.ragioneSociale}
              onChange={(v) => set({ ragioneSociale: v })}
              error={errors.ragioneSociale}
            />
            {o.kind !== 'azienda-estera' && (
              <Select
                id="org-settore"
                label="Settore Economico"
                placeholder="Selezionare il tipo di Settore"
                disabled={!editable}
                value={data.settoreEconomico}
                onChange={(v) => set({ settoreEconomico: v })}
                error={errors.settoreEconomico}
              >
                {SETTORI_ECONOMICI.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </Select>
            )}
            <Field
              id="org-telefono"
              label="Telefono"
              type="tel"
              readOnly={!editable}
              value={data.telefono}
              onChange={(v) => set({ telefono: v })}
              error={errors.telefono}
            />
            <Field
              id="org-email"
              label="Email"
              type="email"
              required
              readOnly={!editable}
              value={data.email}
              onChange={(v) => set({ email: v })}
              error={errors.email}
            />
            <Field
              id="org-pec"
              label="Pec"
              type="email"
              readOnly={!editable}
              value={data.pec}
              onChange={(v) => set({ pec: v })}
              error={errors.pec}
            />
            <Field
              id="org-fax"
              label="Fax"
              type="tel"
              readOnly={!editable}
              value={data.fax}
              onChange={(v) => set({ fax: v })}
              error={errors.fax}
            />
          </div>
        </fieldset>
        <fieldset className="anagrafica-panel">
          <legend>Sede Legale</legend>
          <div className="row">
            <Field
              id="org-indirizzo"
              label="Indirizzo"
              required
              readOnly={!editable}
              value={data.indirizzo}
              onChange={(v) => set({ indirizzo: v })}
              error={errors.indirizzo}
            />
            <Field
              id="org-cap"
              label="CAP"
              readOnly={!editable}
              value={data.cap}
              onChange={(v) => set({ cap: v })}
              error={errors.cap}
            />
            <Field
              id="org-comune"
              label={o.kind === 'azienda-estera' ? 'Città' : 'Comune'}
              readOnly
              value={o.comune?.nome ?? o.citta ?? ''}
            />
            <Field
              id="org-provincia"
              label={o.kind === 'azienda-estera' ? 'Stato estero' : 'Provincia sede legale'}
              readOnly
              value={o.statoEstero?.nome ?? o.comune?.provincia ?? ''}
            />
          </div>
        </fieldset>
        <fieldset className="anagrafica-panel">
          <legend>Rappresentante Legale</legend>
          <p className="form-text">I dati sono controllati con quanto indica il codice fiscale.</p>
          <PersonFields prefix="rappresentante" person={person} onChange={setPerson} errors={personErrors} />
        </fieldset>
        {editable && (
          <button type="submit" className="btn btn-primary" disabled={saving}>
            {saving ? 'Salvataggio in corso…' : 'Salva'}
          </button>
        )}
      </form>
    </section>
  );
}
