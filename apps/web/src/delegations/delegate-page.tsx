import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, ConfirmDialog, DataTable, Dialog, messageOf, type PageState } from '@profila/ui';
import { aziendaLabel, type Delega, delegationsApi, fullName, italianDate, STATO_DELEGA } from './delegations-api';
import { usePagedList } from '../api/use-paged-list';

/** "Modifica delega": the deleghe of one delegate for my profiles, each to modify (new dates) or revoke. */
export function DelegatePage() {
  const { codiceFiscale = '' } = useParams();
  const load = useCallback((page: PageState) => delegationsApi.delegate(codiceFiscale, page), [codiceFiscale]);
  const list = usePagedList(load);
  const [editing, setEditing] = useState<Delega | null>(null);
  const [revoking, setRevoking] = useState<Delega | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const person = list.data?.items[0]?.delegato;

  return (
    <section aria-labelledby="gestione-delegato">
      <p>
        <Link to="/area-riservata/deleghe">← Lista delegati</Link>
      </p>
      <h2 id="gestione-delegato" className="h4">
        Gestione delegato {person ? `${fullName(person)} (${person.codiceFiscale})` : codiceFiscale}
      </h2>
      {notice && (
        <div className="alert alert-success" role="status">
          {notice}
        </div>
      )}
      {list.error && (
        <div className="alert alert-danger" role="alert">
          {list.error}
        </div>
      )}
      <DataTable<Delega>
        caption="Deleghe inviate al delegato"
        columns={[
          { header: 'Azienda delegata', cell: (d) => aziendaLabel(d.azienda) },
          { header: 'Data inizio', cell: (d) => italianDate(d.dataInizio) },
          { header: 'Data scadenza', cell: (d) => italianDate(d.dataScadenza) },
          {
            header: 'Stato',
            cell: (d) =>
              d.modificaInAttesa
                ? `${STATO_DELEGA[d.stato]} · modifica in attesa: ${italianDate(d.modificaInAttesa.dataInizio)} – ${italianDate(d.modificaInAttesa.dataScadenza)}`
                : STATO_DELEGA[d.stato],
          },
          {
            header: 'Azioni',
            cell: (d) =>
              d.stato === 'ACCETTATA' ? (
                <div className="d-flex gap-2">
                  <button
                    type="button"
                    className="btn btn-outline-primary btn-xs"
                    disabled={d.modificaInAttesa !== null}
                    onClick={() => setEditing(d)}
                  >
                    Modifica
                  </button>
                  <button type="button" className="btn btn-outline-danger btn-xs" onClick={() => setRevoking(d)}>
                    Revoca
                  </button>
                </div>
              ) : null,
          },
        ]}
        rows={list.data?.items ?? []}
        total={list.data?.totale ?? 0}
        page={list.page}
        onPage={list.setPage}
        rowKey={(d) => d.id}
        loading={list.loading}
        empty="Nessuna delega attiva o in attesa per questo delegato."
      />
      {editing && (
        <ModifyDialog
          delega={editing}
          onClose={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setNotice(
              'La richiesta di modifica è stata inviata al delegato: fino alla sua accettazione restano valide le date attuali.',
            );
            list.reload();
          }}
        />
      )}
      {revoking && (
        <RevokeDialog
          delega={revoking}
          onClose={() => setRevoking(null)}
          onDone={() => {
            setRevoking(null);
            setNotice('La delega è stata revocata.');
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function ModifyDialog({ delega, onClose, onDone }: { delega: Delega; onClose: () => void; onDone: () => void }) {
  const [dataInizio, setDataInizio] = useState(delega.dataInizio);
  const [dataScadenza, setDataScadenza] = useState(delega.dataScadenza);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await delegationsApi.modify(delega.id, dataInizio, dataScadenza);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fieldErrors).length > 0) setFields(e.fieldErrors);
      else setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Modifica delega"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={onClose} disabled={busy}>
            Annulla
          </button>
          <button type="button" className="btn btn-primary btn-sm" onClick={() => void save()} disabled={busy}>
            {busy ? 'Attendere…' : 'Salva'}
          </button>
        </>
      }
    >
      <p>Nuove date della delega per {aziendaLabel(delega.azienda)}: il delegato dovrà accettarle.</p>
      <DateInput
        id="modifica-data-inizio"
        label="Data inizio*"
        value={dataInizio}
        onChange={setDataInizio}
        error={fields.dataInizio}
      />
      <DateInput
        id="modifica-data-scadenza"
        label="Data scadenza*"
        value={dataScadenza}
        onChange={setDataScadenza}
        error={fields.dataScadenza}
      />
      {error && (
        <div className="alert alert-danger mb-0" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}

function RevokeDialog({ delega, onClose, onDone }: { delega: Delega; onClose: () => void; onDone: () => void }) {
  return (
    <ConfirmDialog
      title="Revoca delega"
      confirmLabel="Revoca"
      onConfirm={async () => {
        await delegationsApi.revoke(delega.id);
        onDone();
      }}
      onCancel={onClose}
    >
      <p>
        Vuoi revocare la delega a {fullName(delega.delegato)} per {aziendaLabel(delega.azienda)}? La revoca ha effetto
        immediato.
      </p>
    </ConfirmDialog>
  );
}

export function DateInput({
  id,
  label,
  value,
  onChange,
  error,
  min,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  min?: string;
}) {
  return (
    <div className="form-group">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        type="date"
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        min={min}
        required
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-errore` : undefined}
      />
      {error && (
        <div id={`${id}-errore`} className="invalid-feedback d-block field-error">
          {error}
        </div>
      )}
    </div>
  );
}
