// The routes of "Gestione profili" under /area-riservata/profili (the index stays "Selezione tipologia di utente").
import { Navigate, Route } from 'react-router-dom';
import './profiles.css';
import { AssociatePage } from './associate-page';
import { MyProfilesPage } from './my-profiles-page';
import { OrganizationDataPage } from './organization-data-page';
import { OrganizationDocumentsPage } from './organization-documents-page';
import { OrganizationHistoryPage } from './organization-history-page';
import { OrganizationLayout } from './organization-layout';
import { OrganizationTypologyPage } from './organization-typology-page';
import { OrganizationUnitsPage } from './organization-units-page';
import { OrganizationUsersPage } from './organization-users-page';
import { RegisterPage } from './register-page';

export const profileRoutes = (
  <>
    <Route path="profili/associati" element={<MyProfilesPage />} />
    <Route path="profili/associa" element={<AssociatePage />} />
    <Route path="profili/registra" element={<RegisterPage />} />
    <Route path="profili/aziende/:id" element={<OrganizationLayout />}>
      <Route index element={<Navigate to="dati" replace />} />
      <Route path="dati" element={<OrganizationDataPage />} />
      <Route path="tipologia" element={<OrganizationTypologyPage />} />
      <Route path="unita" element={<OrganizationUnitsPage />} />
      <Route path="documenti" element={<OrganizationDocumentsPage />} />
      <Route path="utenti" element={<OrganizationUsersPage />} />
      <Route path="storico" element={<OrganizationHistoryPage />} />
    </Route>
  </>
);
