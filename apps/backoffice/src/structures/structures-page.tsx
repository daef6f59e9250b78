import { ApiError, type FieldErrors, fieldsOf, messageOf, PageHeading, SelectField, TextField } from '@profila/ui';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ApiRefusal } from '../verification/api-refusal';
import type { Structure } from '../verification/api';
import { type StructureDetail, structuresApi, type StructureUnit, type UnitForm, unitFormOf } from './structures-api';

const TITLE = 'Strutture regionali';

type Load = { status: 'loading' } | { status: 'ready'; items: Structure[] } | { status: 'error'; error: unknown };

/**
 * `/strutture-regionali`: the sedi and Centri per l'impiego of a Regione / Provincia, each with the comuni and province
 * it serves (the operators' territory), and the staff on them. The super-operator sees every structure, an operator
 * the ones they work in; both add and change sedi / CPI and assign the staff.
 */
export function StructuresPage() {
  usePageTitle(TITLE);
  const [params, setParams] = useSearchParams();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [detail, setDetail] = useState<StructureDetail | null>(null);
  const [detailError, setDetailError] = useState<unknown>(null);
  const selected = params.get('ente') ?? '';

  // The list once (the selection then follows the URL).
  useEffect(() => {
    structuresApi
      .list()
      .then((body) => {
        setLoad({ status: 'ready', items: body.items });
        if (!selected && body.items.length === 1) setParams({ ente: body.items[0].organizationId }, { replace: true });
      })
      .catch((error: unknown) => setLoad({ status: 'error', error }));
  }, []);

  useEffect(() => {
    setDetail(null);
    setDetailError(null);
    if (!selected) return;
    structuresApi
      .detail(selected)
      .then(setDetail)
      .catch((error: unknown) => setDetailError(error));
  }, [selected]);

  const trail = [{ to: '/', label: 'Cruscotto' }];
  if (load.status === 'loading') return <p aria-live="polite">Caricamento delle strutture…</p>;
  if (load.status === 'error') {
    return (
      <>
        <PageHeading title={TITLE} trail={trail} className="mb-3" />
        <ApiRefusal error={load.error} />
      </>
    );
  }

  return (
    <>
      <PageHeading title={TITLE} trail={trail} className="mb-3" leadClassName="lead">
        Sedi della Regione e Centri per l&apos;impiego, con i comuni e le province serviti e il personale assegnato a
        ciascuna struttura.
      </PageHeading>
      {load.items.length === 0 ? (
        <p data-testid="structures-empty">Nessuna struttura da mostrare.</p>
      ) : (
        <div className="row mb-3">
          <SelectField
            id="struttura"
            label="Struttura"
            placeholder="Seleziona la Regione o la Provincia"
            value={selected}
            onChange={(value) => setParams(value ? { ente: value } : {})}
          >
            {load.items.map((s) => (
              <option key={s.organizationId} value={s.organizationId}>
                {s.ragioneSociale}
              </option>
            ))}
          </SelectField>
        </div>
      )}
      {detailError !== null && <ApiRefusal error={detailError} />}
      {detail && <StructureView key={detail.organizationId} detail={detail} onChange={setDetail} />}
    </>
  );
}

function StructureView({ detail, onChange }: { detail: StructureDetail; onChange: (d: StructureDetail) => void }) {
  const [editing, setEditing] = useState<StructureUnit | 'new' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (next: StructureDetail, message: string) => {
    onChange(next);
    setNotice(message);
    setEditing(null);
  };

  return (
    <>
      {notice && (
        <div className="alert alert-success" role="status" data-testid="structures-notice">
          {notice}
        </div>
      )}
      <section className="mb-5" aria-labelledby="sedi-titolo">
        <h2 id="sedi-titolo" className="h4">
          Sedi e Centri per l&apos;impiego di {detail.ragioneSociale}
        </h2>
        <div className="table-responsive">
          <table className="table" data-testid="units">
            <thead>
              <tr>
                <th scope="col">Sede / CPI</th>
                <th scope="col">Indirizzo</th>
                <th scope="col">Comuni serviti</th>
                <th scope="col">Province servite</th>
                <th scope="col">Validità</th>
                <th scope="col">
                  <span className="visually-hidden">Azioni</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.units.map((u) => (
                <tr key={u.unitId} data-unit={u.descrizione}>
                  <th scope="row">{u.descrizione}</th>
                  <td>
                    {u.indirizzo}, {u.comuneNome} ({u.provincia})
                  </td>
                  <td>{u.comuniServiti.join(', ') || '—'}</td>
                  <td>{u.provinceServite.join(', ') || '—'}</td>
                  <td>
                    dal {u.validaDal}
                    {u.validaAl ? ` al ${u.validaAl}` : ''}
                  </td>
                  <td>
                    <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => setEditing(u)}>
                      Modifica
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editing ? (
          <UnitEditor
            key={editing === 'new' ? 'new' : editing.unitId}
            organizationId={detail.organizationId}
            unit={editing === 'new' ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={(next, name) =>
              done(next, editing === 'new' ? `Sede ${name} aggiunta.` : `Sede ${name} aggiornata.`)
            }
          />
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            Aggiungi sede o CPI
          </button>
        )}
      </section>
      <StaffSection detail={detail} onChange={done} />
    </>
  );
}

function UnitEditor({
  organizationId,
  unit,
  onCancel,
  onSaved,
}: {
  organizationId: string;
  unit: StructureUnit | null;
  onCancel: () => void;
  onSaved: (next: StructureDetail, name: string) => void;
}) {
  const [form, setForm] = useState<UnitForm>(() => unitFormOf(unit));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const set = (patch: Partial<UnitForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    try {
      const next = unit
        ? await structuresApi.updateUnit(organizationId, unit.unitId, form)
        : await structuresApi.createUnit(organizationId, form);
      onSaved(next, form.descrizione.trim());
    } catch (error) {
      setErrors(fieldsOf(error));
      if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') setFailure(messageOf(error));
    }
  };

  return (
    <form className="border rounded p-3 mt-3" onSubmit={(e) => void submit(e)} noValidate data-testid="unit-form">
      <h3 className="h5">{unit ? `Modifica: ${unit.descrizione}` : 'Nuova sede o CPI'}</h3>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <div className="row">
        <TextField
          id="unit-descrizione"
          label="Descrizione *"
          value={form.descrizione}
          error={errors.descrizione}
          onChange={(v) => set({ descrizione: v })}
        />
        <TextField
          id="unit-indirizzo"
          label="Indirizzo *"
          value={form.indirizzo}
          error={errors.indirizzo}
          onChange={(v) => set({ indirizzo: v })}
        />
        <TextField
          id="unit-comune"
          label="Comune della sede *"
          hint="Codice catastale, esempio: H612"
          value={form.comune}
          error={errors.comune}
          onChange={(v) => set({ comune: v.toUpperCase() })}
        />
        <TextField id="unit-cap" label="CAP" value={form.cap} error={errors.cap} onChange={(v) => set({ cap: v })} />
        <TextField
          id="unit-validaDal"
          label="Valida dal *"
          hint="AAAA-MM-GG"
          value={form.validaDal}
          error={errors.validaDal}
          onChange={(v) => set({ validaDal: v })}
        />
        <TextField
          id="unit-validaAl"
          label="Valida al"
          hint="AAAA-MM-GG, vuoto se senza scadenza"
          value={form.validaAl}
          error={errors.validaAl}
          onChange={(v) => set({ validaAl: v })}
        />
        <TextField
          id="unit-comuniServiti"
          label="Comuni serviti"
          hint="Codici catastali separati da virgola"
          value={form.comuniServiti}
          error={errors.comuniServiti}
          onChange={(v) => set({ comuniServiti: v })}
        />
        <TextField
          id="unit-provinceServite"
          label="Province servite"
          hint="Sigle separate da virgola, esempio: TN"
          value={form.provinceServite}
          error={errors.provinceServite}
          onChange={(v) => set({ provinceServite: v })}
        />
      </div>
      <div className="d-flex gap-2">
        <button type="submit" className="btn btn-primary">
          Salva sede
        </button>
        <button type="button" className="btn btn-outline-secondary" onClick={onCancel}>
          Annulla
        </button>
      </div>
    </form>
  );
}

function StaffSection({
  detail,
  onChange,
}: {
  detail: StructureDetail;
  onChange: (next: StructureDetail, message: string) => void;
}) {
  const [form, setForm] = useState({ codiceFiscale: '', nome: '', cognome: '', unitIds: [] as string[] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const reset = useCallback(() => {
    setErrors({});
    setFailure(null);
  }, []);
  const fail = (error: unknown) => {
    setErrors(fieldsOf(error));
    if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') setFailure(messageOf(error));
  };

  const assign = async (event: FormEvent) => {
    event.preventDefault();
    reset();
    const cf = form.codiceFiscale.trim().toUpperCase();
    if (!cf) {
      setErrors({ codiceFiscale: 'Campo obbligatorio' });
      return;
    }
    try {
      const next = await structuresApi.assignStaff(detail.organizationId, cf, {
        nome: form.nome,
        cognome: form.cognome,
        unitIds: form.unitIds,
      });
      onChange(next, `${form.nome} ${form.cognome} (${cf}) assegnato al personale.`);
      setForm({ codiceFiscale: '', nome: '', cognome: '', unitIds: [] });
    } catch (error) {
      fail(error);
    }
  };

  const remove = async (codiceFiscale: string) => {
    reset();
    try {
      onChange(
        await structuresApi.removeStaff(detail.organizationId, codiceFiscale),
        `${codiceFiscale} tolto dal personale.`,
      );
    } catch (error) {
      fail(error);
    }
  };

  const edit = (member: StructureDetail['staff'][number]) =>
    setForm({
      codiceFiscale: member.codiceFiscale,
      nome: member.nome ?? '',
      cognome: member.cognome ?? '',
      unitIds: member.units.map((u) => u.unitId),
    });

  return (
    <section className="mb-4" aria-labelledby="personale-titolo">
      <h2 id="personale-titolo" className="h4">
        Personale
      </h2>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      <div className="table-responsive">
        <table className="table" data-testid="staff">
          <thead>
            <tr>
              <th scope="col">Cognome e nome</th>
              <th scope="col">Codice fiscale</th>
              <th scope="col">Sedi / CPI</th>
              <th scope="col">
                <span className="visually-hidden">Azioni</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {detail.staff.map((m) => (
              <tr key={m.codiceFiscale} data-staff={m.codiceFiscale}>
                <th scope="row">
                  {m.cognome} {m.nome}
                  {m.superOperatore && <span className="badge bg-secondary ms-2">Super-operatore</span>}
                </th>
                <td>{m.codiceFiscale}</td>
                <td>{m.units.map((u) => u.descrizione).join(', ') || '—'}</td>
                <td className="text-nowrap">
                  <button type="button" className="btn btn-outline-primary btn-sm me-2" onClick={() => edit(m)}>
                    Modifica
                  </button>
                  <button
                    type="button"
                    className="btn btn-outline-danger btn-sm"
                    onClick={() => void remove(m.codiceFiscale)}
                  >
                    Togli
                  </button>
                </td>
              </tr>
            ))}
            {detail.staff.length === 0 && (
              <tr>
                <td colSpan={4}>Nessuna persona assegnata.</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <form className="border rounded p-3" onSubmit={(e) => void assign(e)} noValidate data-testid="staff-form">
        <h3 className="h5">Assegna personale</h3>
        <div className="row">
          <TextField
            id="staff-codiceFiscale"
            label="Codice fiscale *"
            value={form.codiceFiscale}
            error={errors.codiceFiscale}
            onChange={(v) => setForm((f) => ({ ...f, codiceFiscale: v.toUpperCase() }))}
          />
          <TextField
            id="staff-nome"
            label="Nome *"
            value={form.nome}
            error={errors.nome}
            onChange={(v) => setForm((f) => ({ ...f, nome: v }))}
          />
          <TextField
            id="staff-cognome"
            label="Cognome *"
            value={form.cognome}
            error={errors.cognome}
            onChange={(v) => setForm((f) => ({ ...f, cognome: v }))}
          />
        </div>
        <fieldset className="mb-3" aria-describedby={errors.unitIds ? 'staff-unitIds-errore' : undefined}>
          <legend className="h6">Sedi / CPI *</legend>
          {detail.units.map((u) => (
            <div className="form-check" key={u.unitId}>
              <input
                id={`staff-unit-${u.unitId}`}
                type="checkbox"
                checked={form.unitIds.includes(u.unitId)}
                onChange={(e) =>
                  setForm((f) => ({
                    ...f,
                    unitIds: e.target.checked ? [...f.unitIds, u.unitId] : f.unitIds.filter((id) => id !== u.unitId),
                  }))
                }
              />
              <label htmlFor={`staff-unit-${u.unitId}`}>{u.descrizione}</label>
            </div>
          ))}
          {errors.unitIds && (
            <div id="staff-unitIds-errore" className="invalid-feedback d-block field-error">
              {errors.unitIds}
            </div>
          )}
        </fieldset>
        <button type="submit" className="btn btn-primary">
          Assegna
        </button>
      </form>
    </section>
  );
}
