import { messageOf } from '@profila/ui';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ReservedHeading } from '../reserved/reserved-heading';
import { usePageTitle } from '../site';
import { italianDate, raaApi, type RaaProfile, type RaaSummary } from './raa-api';
import { RAA_PATH, RAA_TITLE } from './raa-paths';

/** Without the RAA profile: how to get it (the Como manual's registration, done in Profila). */
export function NoRaaProfile() {
  return (
    <div className="callout warning mt-0" data-testid="raa-no-profile">
      <div className="callout-title">Profilo RAA non abilitato</div>
      <p>
        Per inserire richieste di accesso agli atti serve il profilo RAA, riservato agli iscritti all&apos;ordine degli
        avvocati e a chi, avendo una motivazione valida, vuole conoscere la situazione lavorativa di una persona.
      </p>
      <p className="mb-0">
        Invia la richiesta «
        <Link to="/area-riservata/registrazione-raa">
          Registrazione avvocati ed enti autorizzati per accesso agli atti
        </Link>
        » con i tuoi dati (la mail indicata riceverà gli avvisi del sistema) e conferma la PEC con il collegamento che
        ti sarà inviato: dopo la verifica di un operatore il profilo sarà abilitato e potrai tornare su questa pagina.
      </p>
    </div>
  );
}

/** "Richieste di accesso agli atti": the requests already sent and the drafts, and "Nuova richiesta". */
export function RaaListPage() {
  usePageTitle(RAA_TITLE);
  const [profile, setProfile] = useState<RaaProfile | null>(null);
  const [items, setItems] = useState<RaaSummary[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    raaApi
      .profile()
      .then(async (p) => {
        setProfile(p);
        if (p.enabled) setItems((await raaApi.list()).items);
      })
      .catch((error: unknown) => setFailure(messageOf(error, 'Caricamento non riuscito.')));
  }, []);

  return (
    <>
      <ReservedHeading title={RAA_TITLE}>
        Le richieste di accesso agli atti sulla situazione lavorativa dei lavoratori, con il loro stato e la risposta
        della Provincia.
      </ReservedHeading>
      {failure && (
        <div className="alert alert-danger" role="alert">
          {failure}
        </div>
      )}
      {!profile && !failure && <p>Caricamento…</p>}
      {profile && !profile.enabled && <NoRaaProfile />}
      {profile?.enabled && (
        <>
          <p>
            <Link className="btn btn-primary" to={`${RAA_PATH}/nuova`}>
              Nuova richiesta
            </Link>
          </p>
          {items && items.length === 0 && <p data-testid="raa-empty">Nessuna richiesta.</p>}
          {items && items.length > 0 && (
            <div className="table-responsive">
              <table className="table" data-testid="raa-requests">
                <caption className="visually-hidden">{RAA_TITLE}</caption>
                <thead>
                  <tr>
                    <th scope="col">Num protocollo</th>
                    <th scope="col">Data richiesta</th>
                    <th scope="col">Data protocollo</th>
                    <th scope="col">Stato</th>
                    <th scope="col">Dettaglio</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((r) => (
                    <tr key={r.id} data-request-id={r.id}>
                      <td>{r.protocollo ?? ''}</td>
                      <td>{italianDate(r.dataRichiesta)}</td>
                      <td>{italianDate(r.dataProtocollo)}</td>
                      <td>{r.state}</td>
                      <td>
                        <Link to={`${RAA_PATH}/${r.id}`} aria-label={`Dettaglio ${r.protocollo ?? 'bozza'}`}>
                          Dettaglio
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
