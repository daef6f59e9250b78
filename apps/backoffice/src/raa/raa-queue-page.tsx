import { PageHeading } from '@profila/ui';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../site';
import { ApiRefusal } from '../verification/api-refusal';
import { italianDate, officerRaaApi, type RaaSummary } from './raa-api';

export const RAA_QUEUE_PATH = '/richieste-raa';
const TITLE = 'Richieste RAA';

type Load =
  | { status: 'loading' }
  | { status: 'ready'; province: string[]; items: RaaSummary[] }
  | { status: 'error'; error: unknown };

/** `/richieste-raa`: the richieste di accesso agli atti sent to the Province the officer's units serve. */
export function RaaQueuePage() {
  usePageTitle(TITLE);
  const [stato, setStato] = useState('INVIATA');
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    setLoad({ status: 'loading' });
    officerRaaApi
      .queue(stato)
      .then((body) => setLoad({ status: 'ready', ...body }))
      .catch((error: unknown) => setLoad({ status: 'error', error }));
  }, [stato]);

  return (
    <>
      <PageHeading title={TITLE} trail={[{ to: '/', label: 'Cruscotto' }]} className="mb-3" leadClassName="lead">
        Richieste di accesso agli atti protocollate della tua provincia: aprila, indica per ogni lavoratore la
        situazione lavorativa alla data di ricerca ed evadi la richiesta, oppure respingila.
      </PageHeading>
      <div className="row mb-3">
        <div className="col-md-4">
          <div className="select-wrapper">
            <label htmlFor="raa-stato">Stato</label>
            <select id="raa-stato" value={stato} onChange={(e) => setStato(e.target.value)}>
              <option value="INVIATA">Da evadere (INVIATA)</option>
              <option value="EVASA">EVASA</option>
              <option value="RESPINTA">RESPINTA</option>
              <option value="">Tutte</option>
            </select>
          </div>
        </div>
      </div>
      {load.status === 'loading' && <p>Caricamento delle richieste…</p>}
      {load.status === 'error' && <ApiRefusal error={load.error} />}
      {load.status === 'ready' && (
        <>
          <p className="small">Province di competenza: {load.province.join(', ') || 'nessuna'}</p>
          {load.items.length === 0 ? (
            <p data-testid="raa-queue-empty">Nessuna richiesta di accesso agli atti da mostrare.</p>
          ) : (
            <table className="table" data-testid="raa-queue">
              <thead>
                <tr>
                  <th scope="col">Num protocollo</th>
                  <th scope="col">Data protocollo</th>
                  <th scope="col">Richiedente</th>
                  <th scope="col">Provincia</th>
                  <th scope="col">Lavoratori</th>
                  <th scope="col">Stato</th>
                </tr>
              </thead>
              <tbody>
                {load.items.map((r) => (
                  <tr key={r.id} data-request-id={r.id}>
                    <td>
                      <Link to={`${RAA_QUEUE_PATH}/${r.id}`}>{r.protocollo}</Link>
                    </td>
                    <td>{italianDate(r.dataProtocollo)}</td>
                    <td>
                      {r.requester.cognome} {r.requester.nome} ({r.requester.codiceFiscale})
                    </td>
                    <td>{r.provincia}</td>
                    <td>{r.workerCount}</td>
                    <td>{r.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
}
