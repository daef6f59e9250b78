import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { FieldErrors } from '@profila/ui';
import { comuniLoader, Field, loadProvince } from './fields';
import { useOrganization } from './organization-layout';
import { type Suggestion, TypeAheadField } from './place-typeahead';
import { fieldsOf, italianDate, messageOf, registryApi, type Unit } from './registry-api';

interface UnitForm {
  descrizione: string;
  provincia: Suggestion | null;
  comune: Suggestion | null;
  cap: string;
  indirizzo: string;
  validaDal: string;
  validaAl: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const emptyUnit = (): UnitForm => ({
  descrizione: '',
  provincia: null,
  comune: null,
  cap: '',
  indirizzo: '',
  validaDal: today(),
  validaAl: '',
});

/** "Unità operative": list, "Aggiungi un'unità operativa", edit. */
export function OrganizationUnitsPage() {
  const { organization } = useOrganization();
  const [units, setUnits] = useState<Unit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string | null; form: UnitForm } | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(() => {
    registryApi.units(organization.id).then(
      (r) => setUnits(r.items),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [organization.id]);
  useEffect(load, [load]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const f = editing.form;
    setErrors({});
    setError(null);
    const body = {
      descrizione: f.descrizione,
      comune: f.comune?.code ?? '',
      indirizzo: f.indirizzo,
      validaDal: f.validaDal,
      ...(f.cap ? { cap: f.cap } : {}),
      ...(f.validaAl ? { validaAl: f.validaAl } : {}),
    };
    try {
      if (editing.id) await registryApi.updateUnit(organization.id, editing.id, body);
      else await registryApi.addUnit(organization.id, body);
      setSaved(editing.id ? 'Unità operativa aggiornata.' : 'Unità operativa aggiunta.');
      setEditing(null);
      load();
    } catch (e) {
      setErrors(fieldsOf(e));
      setError(messageOf(e));
    }
  };

  const edit = (u: Unit) =>
    setEditing({
      id: u.id,
      form: {
        descrizione: u.descrizione,
        provincia: { code: u.provincia, label: u.provincia },
        comune: { code: u.comune, label: u.comuneNome },
        cap: u.cap ?? '',
        indirizzo: u.indirizzo,
        validaDal: u.validaDal,
        validaAl: u.validaAl ?? '',
      },
    });
  const set = (patch: Partial<UnitForm>) => setEditing((e) => (e ? { ...e, form: { ...e.form, ...patch } } : e));

  return (
    <section aria-labelledby="unita">
      <h2 id="unita" className="h4">
        Unità Operative
      </h2>
      <p>
        Le unità operative dell&apos;organizzazione: puoi aggiornarne i dati e aggiungerne di nuove, a cui associare uno
        o più operatori nell&apos;organigramma.
      </p>
      {saved && (
        <div className="alert alert-success" role="status">
          {saved}
        </div>
      )}
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      )}
      {organization.modificabile && !editing && (
        <button
          type="button"
          className="btn btn-primary mb-3"
          onClick={() => {
            setSaved(null);
            setEditing({ id: null, form: emptyUnit() });
          }}
        >
          Aggiungi un&apos;unità operativa
        </button>
      )}
      {editing && (
        <form onSubmit={(e) => void save(e)} noValidate className="anagrafica-panel">
          <h3 className="h5">{editing.id ? 'Modifica unità operativa' : 'Nuova unità operativa'}</h3>
          <div className="row">
            <Field
              id="unita-descrizione"
              label="Descrizione unità operativa"
              required
              value={editing.form.descrizione}
              onChange={(v) => set({ descrizione: v })}
              error={errors.descrizione}
            />
            <TypeAheadField
              id="unita-provincia"
              label="Provincia"
              required
              value={editing.form.provincia}
              onPick={(p) => set({ provincia: p, comune: null })}
              load={loadProvince}
            />
            <TypeAheadField
              id="unita-comune"
              label="Comune"
              required
              disabled={!editing.form.provincia}
              value={editing.form.comune}
              onPick={(p) => set({ comune: p })}
              load={editing.form.provincia ? comuniLoader(editing.form.provincia.code) : async () => []}
              error={errors.comune}
            />
            <Field
              id="unita-cap"
              label="CAP"
              value={editing.form.cap}
              onChange={(v) => set({ cap: v })}
              error={errors.cap}
            />
            <Field
              id="unita-indirizzo"
              label="Indirizzo"
              required
              value={editing.form.indirizzo}
              onChange={(v) => set({ indirizzo: v })}
              error={errors.indirizzo}
            />
            <Field
              id="unita-dal"
              label="Data inizio validità"
              type="date"
              required
              value={editing.form.validaDal}
              onChange={(v) => set({ validaDal: v })}
              error={errors.validaDal}
            />
            <Field
              id="unita-al"
              label="Data fine validità"
              type="date"
              value={editing.form.validaAl}
              onChange={(v) => set({ validaAl: v })}
              error={errors.validaAl}
            />
          </div>
          <button type="submit" className="btn btn-primary me-2">
            Salva
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={() => setEditing(null)}>
            Annulla
          </button>
        </form>
      )}
      {units && units.length === 0 && <p>Nessuna unità operativa.</p>}
      {units && units.length > 0 && (
        <div className="table-responsive">
          <table className="table" aria-labelledby="unita">
            <thead>
              <tr>
                <th scope="col">Descrizione unità operativa</th>
                <th scope="col">Comune</th>
                <th scope="col">CAP</th>
                <th scope="col">Indirizzo</th>
                <th scope="col">Data inizio validità</th>
                <th scope="col">Data fine validità</th>
                <th scope="col">Azioni</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.id}>
                  <td>{u.descrizione}</td>
                  <td>{u.comuneNome}</td>
                  <td>{u.cap ?? ''}</td>
                  <td>{u.indirizzo}</td>
                  <td>{italianDate(u.validaDal)}</td>
                  <td>{italianDate(u.validaAl)}</td>
                  <td>
                    {organization.modificabile && (
                      <button
                        type="button"
                        className="btn btn-outline-primary btn-xs"
                        aria-label={`Modifica ${u.descrizione}`}
                        onClick={() => edit(u)}
                      >
                        Modifica
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
