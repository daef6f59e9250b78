import { useState } from 'react';
import { ApiError, ConfirmDialog, DataTable, Dialog, messageOf } from '@profila/ui';
import { aziendaLabel, delegationsApi, fullName, italianDate, type Richiesta, TIPO_DELEGA } from './delegations-api';
import { usePagedList } from '../api/use-paged-list';

/** "Deleghe ricevute in attesa": accept (with confirmation) or refuse (with a mandatory reason). */
export function PendingPage() {
  const list = usePagedList(delegationsApi.pending);
  const [accepting, setAccepting] = useState<Richiesta | null>(null);
  const [refusing, setRefusing] = useState<Richiesta | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section aria-labelledby="deleghe-in-attesa">
      <h2 id="deleghe-in-attesa" className="h4">
        Deleghe ricevute in attesa
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
      <DataTable<Richiesta>
        caption="Deleghe ricevute in attesa"
        columns={[
          { header: 'Id richiesta', cell: (r) => r.idRichiesta },
          { header: 'Delegante', cell: (r) => `${fullName(r.delegante)} (${r.delegante.codiceFiscale})` },
          { header: 'Azienda delegata', cell: (r) => aziendaLabel(r.azienda) },
          { header: 'Tipo soggetto abilitato', cell: (r) => r.tipoSoggettoAbilitato ?? '' },
          { header: 'Tipo delega', cell: (r) => TIPO_DELEGA[r.tipoDelega] },
          { header: 'Data inizio', cell: (r) => italianDate(r.dataInizio) },
          { header: 'Data scadenza', cell: (r) => italianDate(r.dataScadenza) },
          {
            header: 'Azioni',
            cell: (r) => (
              <div className="d-flex gap-2">
                <button
                  type="button"
                  className="btn btn-primary btn-xs"
                  onClick={() => setAccepting(r)}
                  aria-label={`Accetta la richiesta ${r.idRichiesta}`}
                >
                  Accetta
                </button>
                <button
                  type="button"
                  className="btn btn-outline-danger btn-xs"
                  onClick={() => setRefusing(r)}
                  aria-label={`Rifiuta la richiesta ${r.idRichiesta}`}
                >
                  Rifiuta
                </button>
              </div>
            ),
          },
        ]}
        rows={list.data?.items ?? []}
        total={list.data?.totale ?? 0}
        page={list.page}
        onPage={list.setPage}
        rowKey={(r) => String(r.idRichiesta)}
        loading={list.loading}
        empty="Nessuna delega in attesa di accettazione."
      />
      {accepting && (
        <AcceptDialog
          richiesta={accepting}
          onClose={() => setAccepting(null)}
          onDone={() => {
            setAccepting(null);
            setNotice(
              accepting.tipoDelega === 'MODIFICA'
                ? 'Hai accettato la modifica della delega.'
                : `Hai accettato la delega per ${aziendaLabel(accepting.azienda)}.`,
            );
            list.reload();
          }}
        />
      )}
      {refusing && (
        <RefuseDialog
          richiesta={refusing}
          onClose={() => setRefusing(null)}
          onDone={() => {
            setRefusing(null);
            setNotice('Hai rifiutato la richiesta: il delegante ne è stato informato.');
            list.reload();
          }}
        />
      )}
    </section>
  );
}

function AcceptDialog({
  richiesta,
  onClose,
  onDone,
}: {
  richiesta: Richiesta;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <ConfirmDialog
      title="Conferma accettazione"
      confirmLabel="Conferma"
      onConfirm={async () => {
        await delegationsApi.accept(richiesta.delegationId);
        onDone();
      }}
      onCancel={onClose}
    >
      <p>
        Confermi di accettare {richiesta.tipoDelega === 'MODIFICA' ? 'la modifica della delega' : 'la delega'} di{' '}
        {fullName(richiesta.delegante)} per operare per {aziendaLabel(richiesta.azienda)} dal{' '}
        {italianDate(richiesta.dataInizio)} al {italianDate(richiesta.dataScadenza)}?
      </p>
    </ConfirmDialog>
  );
}

function RefuseDialog({
  richiesta,
  onClose,
  onDone,
}: {
  richiesta: Richiesta;
  onClose: () => void;
  onDone: () => void;
}) {
  const [motivo, setMotivo] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refuse = async () => {
    setError(null);
    if (!motivo.trim()) {
      setFieldError('Il motivo del rifiuto è obbligatorio');
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      await delegationsApi.refuse(richiesta.delegationId, motivo.trim());
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors.motivo) setFieldError(e.fieldErrors.motivo);
      else setError(messageOf(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="Rifiuta delega"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn-outline-primary btn-sm" onClick={onClose} disabled={busy}>
            Annulla
          </button>
          <button type="button" className="btn btn-danger btn-sm" onClick={() => void refuse()} disabled={busy}>
            {busy ? 'Attendere…' : 'Rifiuta'}
          </button>
        </>
      }
    >
      <p>
        Richiesta {richiesta.idRichiesta} di {fullName(richiesta.delegante)} per {aziendaLabel(richiesta.azienda)}.
      </p>
      <div className="form-group">
        <label htmlFor="motivo-rifiuto" className="active">
          Motivo del rifiuto*
        </label>
        <textarea
          id="motivo-rifiuto"
          className={`form-control${fieldError ? ' is-invalid' : ''}`}
          rows={3}
          maxLength={1000}
          value={motivo}
          onChange={(event) => setMotivo(event.target.value)}
          aria-invalid={fieldError ? true : undefined}
          aria-describedby={fieldError ? 'motivo-rifiuto-errore' : undefined}
        />
        {fieldError && (
          <div id="motivo-rifiuto-errore" className="invalid-feedback d-block field-error">
            {fieldError}
          </div>
        )}
      </div>
      {error && (
        <div className="alert alert-danger mb-0" role="alert">
          {error}
        </div>
      )}
    </Dialog>
  );
}
