import { Route, Routes } from 'react-router-dom';
import { SiteLayout } from './layout/site-layout';
import { DelegationsRoutes } from './delegations/delegations-routes';
import { AccessErrorPage } from './pages/access-error-page';
import { HomePage } from './pages/home-page';
import { InfoPage } from './pages/info-page';
import { LoggedOutPage } from './pages/logged-out-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { ServicesPage } from './pages/services-page';
import { profileRoutes } from './profiles/profiles-routes';
import { RaaRoutes } from './raa/raa-routes';
import { AnagraficaPage } from './reserved/anagrafica-page';
import { ProfilesPage } from './reserved/profiles-page';
import { ReservedAreaLayout } from './reserved/reserved-area-layout';
import { ReservedHomePage } from './reserved/reserved-home-page';
import { ClaimPage } from './claim/claim-page';
import { RaaClaimPage } from './claim/raa-claim-page';
import { NominationPage } from './verification/nomination-page';
import { PecConfirmationPage } from './verification/pec-confirmation-page';
import { RaaRegistrationPage } from './verification/raa-registration-page';
import { ResponsabilePage } from './verification/responsabile-page';

export function App() {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<HomePage />} />
        <Route path="servizi" element={<ServicesPage />} />
        <Route path="accedi" element={<LoginPage />} />
        <Route path="errore-accesso" element={<AccessErrorPage />} />
        <Route path="uscita" element={<LoggedOutPage />} />
        <Route path="area-riservata" element={<ReservedAreaLayout />}>
          <Route index element={<ReservedHomePage />} />
          <Route path="anagrafica" element={<AnagraficaPage />} />
          <Route path="profili" element={<ProfilesPage />} />
          {profileRoutes}
          <Route path="deleghe/*" element={<DelegationsRoutes />} />
          <Route path="amministratore" element={<NominationPage />} />
          <Route path="accesso-atti/*" element={<RaaRoutes />} />
          <Route path="responsabile-unico" element={<ResponsabilePage />} />
          <Route path="registrazione-raa" element={<RaaRegistrationPage />} />
          <Route path="utenza-aziendale" element={<ClaimPage />} />
          <Route path="utenza-raa" element={<RaaClaimPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
        <Route path="conferma-pec/:token" element={<PecConfirmationPage />} />
        <Route path="privacy" element={<InfoPage topic="privacy" />} />
        <Route path="note-legali" element={<InfoPage topic="note-legali" />} />
        <Route path="accessibilita" element={<InfoPage topic="accessibilita" />} />
        <Route path="contatti" element={<InfoPage topic="contatti" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
