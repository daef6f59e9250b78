import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, useSession } from '@profila/ui';
import { usePageTitle } from '../site';
import { PROFILES, ProfilesHeading } from './profiles-nav';
import { messageOf, type MyProfile, registryApi } from './registry-api';

/** "Ricerca profili associati" → "I tuoi profili" (Servizi Lavoro, §3.2). */
export function MyProfilesPage() {
  usePageTitle('Ricerca profili associati');
  const { expired, refresh } = useSession();
  const [items, setItems] = useState<MyProfile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<MyProfile | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    registryApi.myProfiles().then(
      (r) => setItems(r.items),
      (e: unknown) => {
        if (e instanceof ApiError && e.unauthenticated) expired();
        else setError(messageOf(e, 'Caricamento dei profili non riuscito.'));
      },
    );
  }, [expired]);
  useEffect(load, [load]);

  const revoke = async (profile: MyProfile) => {
    setBusy(true);
    setError(null);
    try {
      await registryApi.revoke(profile.organizationId);
      setDone(`Profilo revocato: ${profile.ragioneSociale}`);
      setConfirming(null);
      await refresh();
      load();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ProfilesHeading title="Ricerca profili associati">
        I profili (aziende ed enti) associati a te, con le cariche di organico.
      </ProfilesHeading>
      {done && (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      )}
      {error && (
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      )}
      <section aria-labelledby="tuoi-profili">
        <h2 id="tuoi-profili" className="h4">
          I tuoi profili
        </h2>
        {!items && !error && <p role="status">Caricamento dei profili in corso…</p>}
        {items && items.length === 0 && (
          <div className="callout note">
            <div className="callout-title">Nessun profilo associato</div>
            <p>
              Puoi associare a te un&apos;azienda già presente con{' '}
              <Link to={`${PROFILES}/associa`}>Associa profilo</Link> o registrarne una nuova con{' '}
              <Link to={`${PROFILES}/registra`}>Registra azienda</Link>.
            </p>
          </div>
        )}
        {items && items.length > 0 && (
          <div className="table-responsive">
            <table className="table" aria-labelledby="tuoi-profili">
              <thead>
                <tr>
                  <th scope="col">Ragione sociale (Codice fiscale)</th>
                  <th scope="col">Tipo profilo</th>
                  <th scope="col">Tipo soggetto abilitato</th>
                  <th scope="col">Azioni</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => {
                  const base = `${PROFILES}/aziende/${p.organizationId}`;
                  const admin = p.ruolo === 'amministratore';
                  return (
                    <tr key={p.organizationId}>
                      <td>{p.profilo}</td>
                      <td>{p.tipoProfilo}</td>
                      <td>{p.tipiSoggettoAbilitato.join(', ') || '—'}</td>
                      <td>
                        <div className="d-flex flex-wrap gap-2">
                          <Link className="btn btn-outline-primary btn-xs" to={`${base}/utenti`}>
                            Cariche di organico
                          </Link>
                          <Link className="btn btn-outline-primary btn-xs" to={`${base}/dati`}>
                            Dettaglio
                          </Link>
                          {admin && (
                            <Link className="btn btn-outline-primary btn-xs" to={`${base}/dati?modifica=1`}>
                              Modifica
                            </Link>
                          )}
                          {admin && (
                            <button
                              type="button"
                              className="btn btn-outline-danger btn-xs"
                              onClick={() => {
                                setDone(null);
                                setConfirming(p);
                              }}
                            >
                              Revoca
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {confirming && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="conferma-revoca">
          <h2 id="conferma-revoca" className="h5">
            Revoca profilo
          </h2>
          <p>
            Vuoi revocare l&apos;associazione a {confirming.ragioneSociale}? L&apos;azienda resta registrata e potrà
            essere associata di nuovo.
          </p>
          <button type="button" className="btn btn-danger me-2" disabled={busy} onClick={() => void revoke(confirming)}>
            Conferma revoca
          </button>
          <button type="button" className="btn btn-outline-secondary" onClick={() => setConfirming(null)}>
            Annulla
          </button>
        </div>
      )}
    </>
  );
}
