import { Route, Routes } from 'react-router-dom';
import { SiteLayout } from './layout/site-layout';
import { HomePage } from './pages/home-page';
import { InfoPage } from './pages/info-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { ServicesPage } from './pages/services-page';

export function App() {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<HomePage />} />
        <Route path="servizi" element={<ServicesPage />} />
        <Route path="accedi" element={<LoginPage />} />
        <Route path="privacy" element={<InfoPage topic="privacy" />} />
        <Route path="note-legali" element={<InfoPage topic="note-legali" />} />
        <Route path="accessibilita" element={<InfoPage topic="accessibilita" />} />
        <Route path="contatti" element={<InfoPage topic="contatti" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
