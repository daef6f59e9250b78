import { Route, Routes } from 'react-router-dom';
import { NotFoundPage } from '../pages/not-found-page';
import { AddDelegationPage } from './add-delegation-page';
import { DelegatePage } from './delegate-page';
import { DelegatesListPage } from './delegates-list-page';
import { DelegationsLayout } from './delegations-layout';
import { PendingPage } from './pending-page';
import { ReceivedPage } from './received-page';
import { SentPage } from './sent-page';

/** `/area-riservata/deleghe/*`: "Gestione deleghe". */
export function DelegationsRoutes() {
  return (
    <Routes>
      <Route element={<DelegationsLayout />}>
        <Route index element={<DelegatesListPage />} />
        <Route path="aggiungi" element={<AddDelegationPage />} />
        <Route path="delegato/:codiceFiscale" element={<DelegatePage />} />
        <Route path="ricevute" element={<ReceivedPage />} />
        <Route path="ricevute-in-attesa" element={<PendingPage />} />
        <Route path="inviate" element={<SentPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
