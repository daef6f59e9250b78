import { Route, Routes } from 'react-router-dom';
import { RaaListPage } from './raa-list-page';
import { RaaRequestPage } from './raa-request-page';

/** /area-riservata/accesso-atti: the list, a new request, a request. */
export function RaaRoutes() {
  return (
    <Routes>
      <Route index element={<RaaListPage />} />
      <Route path="nuova" element={<RaaRequestPage />} />
      <Route path=":id" element={<RaaRequestPage />} />
    </Routes>
  );
}
