import { useCallback, useEffect, useState } from 'react';
import { NavLink, Outlet, useOutletContext, useParams } from 'react-router-dom';
import { ApiError, useSession } from '@profila/ui';
import { usePageTitle } from '../site';
import { PROFILES, ProfilesHeading } from './profiles-nav';
import { messageOf, type Organization, registryApi } from './registry-api';

export interface OrganizationContext {
  organization: Organization;
  reload: () => Promise<void>;
}

export const useOrganization = () => useOutletContext<OrganizationContext>();

const SECTIONS = [
  { path: 'dati', label: 'Dati azienda', gated: false },
  { path: 'tipologia', label: 'Tipologia azienda', gated: false },
  { path: 'unita', label: 'Unità operative', gated: true },
  { path: 'documenti', label: 'Documenti', gated: true },
  { path: 'utenti', label: 'Utenti', gated: true },
  { path: 'storico', label: 'Storico', gated: false },
] as const;

/**
 * One organisation the citizen may act for (Trentino Lavoro, "Aggiornamento profilo azienda"): its sections beside
 * the page; Unità operative, Documenti and Utenti unlock once the rappresentante legale is saved in Dati azienda.
 */
export function OrganizationLayout() {
  const { id = '' } = useParams();
  const { expired } = useSession();
  const [organization, setOrganization] = useState<Organization | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(organization?.ragioneSociale ?? 'Profilo');

  const reload = useCallback(async () => {
    try {
      setOrganization(await registryApi.organization(id));
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) expired();
      else
        setError(e instanceof ApiError && e.status === 404 ? 'Profilo non trovato o non accessibile.' : messageOf(e));
    }
  }, [id, expired]);
  useEffect(() => {
    void reload();
  }, [reload]);

  if (error) {
    return (
      <>
        <ProfilesHeading title="Profilo" />
        <div className="alert alert-danger" role="alert">
          {error}
        </div>
      </>
    );
  }
  if (!organization) return <p role="status">Caricamento del profilo in corso…</p>;

  const unlocked = organization.sezioniSbloccate;
  return (
    <>
      <ProfilesHeading title={organization.ragioneSociale}>
        {organization.tipoProfilo} · Codice fiscale {organization.codiceFiscale ?? organization.codiceIdentificativo}
      </ProfilesHeading>
      <div className="row">
        <nav className="col-md-3 mb-3" aria-label="Sezioni del profilo">
          <ul className="nav flex-column nav-pills profile-sections">
            {SECTIONS.map((s) =>
              s.gated && !unlocked ? (
                <li className="nav-item" key={s.path}>
                  <span className="nav-link disabled" aria-disabled="true" title="Salvare prima i Dati azienda">
                    {s.label} (bloccata)
                  </span>
                </li>
              ) : (
                <li className="nav-item" key={s.path}>
                  <NavLink className="nav-link" to={`${PROFILES}/aziende/${organization.id}/${s.path}`}>
                    {s.label}
                  </NavLink>
                </li>
              ),
            )}
          </ul>
          {!unlocked && (
            <p className="form-text mt-2" id="sezioni-bloccate">
              Il salvataggio dei dati del rappresentante legale in «Dati azienda» è obbligatorio per lo sblocco delle
              altre sezioni.
            </p>
          )}
        </nav>
        <div className="col-md-9">
          <Outlet context={{ organization, reload } satisfies OrganizationContext} />
        </div>
      </div>
    </>
  );
}
