import { Route, Routes } from 'react-router-dom';
import { BackofficeLayout } from './layout/backoffice-layout';
import { DashboardPage } from './pages/dashboard-page';
import { NotFoundPage } from './pages/not-found-page';
import { OperatorLoginPage } from './pages/operator-login-page';
import { SectionPage } from './pages/section-page';
import { SECTIONS } from './sections';

export function App() {
  return (
    <Routes>
      <Route element={<BackofficeLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="accedi" element={<OperatorLoginPage />} />
        {SECTIONS.map((section) => (
          <Route key={section.path} path={section.path} element={<SectionPage section={section} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
