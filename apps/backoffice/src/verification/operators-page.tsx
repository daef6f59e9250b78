import { ApiError, type FieldErrors, PageHeading, SelectField, TextField } from '@profila/ui';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { usePageTitle } from '../site';
import { ApiRefusal } from './api-refusal';
import { operatorApi, type OperatorEntry, type Structure } from './api';

const TITLE = 'Operatori';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; operators: OperatorEntry[]; structures: Structure[] }
  | { status: 'error'; error: unknown };

interface Form {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  organizationId: string;
  unitIds: string[];
  superOperatore: boolean;
}

const EMPTY: Form = {
  codiceFiscale: '',
  nome: '',
  cognome: '',
  organizationId: '',
  unitIds: [],
  superOperatore: false,
};

/**
 * `/operatori` (super-operators only): who works on which units of which Regione / Provincia / agency. Assigning
 * replaces the operator's units in that structure; removing ends the back-office role there.
 */
export function OperatorsPage() {
  usePageTitle(TITLE);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const refresh = useCallback(() => {
    Promise.all([operatorApi.operators(), operatorApi.structures()])
      .then(([operators, structures]) =>
        setLoad({ status: 'ready', operators: operators.items, structures: structures.items }),
      )
      .catch((error: unknown) => setLoad({ status: 'error', error }));
  }, []);
  useEffect(refresh, [refresh]);

  const set = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setNotice(null);
    setActionError(null);
    const local: FieldErrors = {};
    if (!form.codiceFiscale.trim()) local.codiceFiscale = 'Campo obbligatorio';
    if (!form.organizationId) local.organizationId = 'Selezionare la struttura';
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    const cf = form.codiceFiscale.trim().toUpperCase();
    try {
      await operatorApi.assign(cf, form.organizationId, {
        nome: form.nome,
        cognome: form.cognome,
        unitIds: form.unitIds,
        superOperatore: form.superOperatore || undefined,
      });
      setNotice(`Operatore ${form.nome} ${form.cognome} (${cf}) assegnato.`);
      setForm(EMPTY);
      refresh();
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) {
        setErrors(error.fieldErrors);
      } else if (error instanceof ApiError && error.code === 'INVALID_CODICE_FISCALE') {
        setErrors({ codiceFiscale: error.message });
      } else {
        setActionError(error);
      }
    }
  };

  const remove = async (operator: OperatorEntry, organizationId: string, ragioneSociale: string) => {
    setNotice(null);
    setActionError(null);
    try {
      await operatorApi.unassign(operator.codiceFiscale, organizationId);
      setNotice(`Operatore ${operator.codiceFiscale} tolto da ${ragioneSociale}.`);
      refresh();
    } catch (error) {
      setActionError(error);
    }
  };

  const trail = [{ to: '/', label: 'Cruscotto' }];
  if (load.status === 'loading') return <p aria-live="polite">Caricamento degli operatori…</p>;
  if (load.status === 'error') {
    return (
      <>
        <PageHeading title={TITLE} trail={trail} className="mb-3" />
        <ApiRefusal error={load.error} />
      </>
    );
  }

  const structure = load.structures.find((s) => s.organizationId === form.organizationId);
  const toggleUnit = (unitId: string, on: boolean) =>
    set({ unitIds: on ? [...form.unitIds, unitId] : form.unitIds.filter((u) => u !== unitId) });

  return (
    <>
      <PageHeading title={TITLE} trail={trail} className="mb-3" leadClassName="lead">
        Operatori della Regione, dei Centri per l&apos;impiego e delle Province: assegna a ciascuno le unità di
        competenza (il suo territorio).
      </PageHeading>

      {notice && (
        <div className="alert alert-success" role="status" data-testid="operators-notice">
          {notice}
        </div>
      )}
      {actionError !== null && <ApiRefusal error={actionError} />}

      <section className="mb-5" aria-labelledby="elenco-operatori">
        <h2 id="elenco-operatori" className="h4">
          Operatori assegnati
        </h2>
        {load.operators.length === 0 ? (
          <p>Nessun operatore da mostrare.</p>
        ) : (
          <div className="table-responsive">
            <table className="table" data-testid="operators">
              <thead>
                <tr>
                  <th scope="col">Operatore</th>
                  <th scope="col">Struttura</th>
                  <th scope="col">Unità di competenza</th>
                  <th scope="col">
                    <span className="visually-hidden">Azioni</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {load.operators.flatMap((operator) =>
                  operator.assignments.map((assignment) => (
                    <tr
                      key={`${operator.codiceFiscale}-${assignment.organizationId}`}
                      data-operator={operator.codiceFiscale}
                    >
                      <td>
                        {[operator.cognome, operator.nome].filter(Boolean).join(' ') || '—'}
                        <br />
                        <small className="text-muted">{operator.codiceFiscale}</small>
                      </td>
                      <td>
                        {assignment.ragioneSociale}
                        {assignment.superOperatore && <span className="badge bg-primary ms-2">Super-operatore</span>}
                      </td>
                      <td>{assignment.units.map((u) => u.descrizione).join(', ') || '—'}</td>
                      <td className="text-end">
                        <button
                          type="button"
                          className="btn btn-outline-danger btn-sm"
                          onClick={() => void remove(operator, assignment.organizationId, assignment.ragioneSociale)}
                        >
                          Togli
                          <span className="visually-hidden">
                            {' '}
                            {operator.codiceFiscale} da {assignment.ragioneSociale}
                          </span>
                        </button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="assegna-operatore">
        <h2 id="assegna-operatore" className="h4">
          Assegna un operatore
        </h2>
        <form onSubmit={(event) => void submit(event)} noValidate data-testid="assign-form">
          <div className="row">
            <TextField
              id="codiceFiscale"
              label="Codice fiscale *"
              value={form.codiceFiscale}
              error={errors.codiceFiscale}
              onChange={(value) => set({ codiceFiscale: value })}
            />
            <SelectField
              id="organizationId"
              label="Struttura *"
              placeholder="Seleziona la struttura"
              value={form.organizationId}
              error={errors.organizationId}
              onChange={(value) => set({ organizationId: value, unitIds: [] })}
            >
              {load.structures.map((s) => (
                <option key={s.organizationId} value={s.organizationId}>
                  {s.ragioneSociale}
                </option>
              ))}
            </SelectField>
            <TextField
              id="nome"
              label="Nome *"
              value={form.nome}
              error={errors.nome}
              onChange={(value) => set({ nome: value })}
            />
            <TextField
              id="cognome"
              label="Cognome *"
              value={form.cognome}
              error={errors.cognome}
              onChange={(value) => set({ cognome: value })}
            />
          </div>
          {structure && (
            <fieldset className="mb-3">
              <legend className="h6">Unità di competenza</legend>
              {structure.units.length === 0 && <p>La struttura non ha unità operative.</p>}
              {structure.units.map((unit) => (
                <div className="form-check" key={unit.unitId}>
                  <input
                    id={`unita-${unit.unitId}`}
                    type="checkbox"
                    checked={form.unitIds.includes(unit.unitId)}
                    onChange={(event) => toggleUnit(unit.unitId, event.target.checked)}
                  />
                  <label htmlFor={`unita-${unit.unitId}`}>
                    {unit.descrizione}
                    {unit.provinceServite.length > 0 && ` (province: ${unit.provinceServite.join(', ')})`}
                  </label>
                </div>
              ))}
              {errors.unitIds && <div className="invalid-feedback d-block field-error">{errors.unitIds}</div>}
            </fieldset>
          )}
          <div className="form-check mb-3">
            <input
              id="superOperatore"
              type="checkbox"
              checked={form.superOperatore}
              onChange={(event) => set({ superOperatore: event.target.checked })}
            />
            <label htmlFor="superOperatore">Gestisce anche gli operatori (super-operatore)</label>
          </div>
          <button type="submit" className="btn btn-primary">
            Assegna
          </button>
        </form>
      </section>
    </>
  );
}
