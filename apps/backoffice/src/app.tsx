import { Route, Routes } from 'react-router-dom';
import { BackofficeLayout } from './layout/backoffice-layout';
import { DashboardPage } from './pages/dashboard-page';
import { NotFoundPage } from './pages/not-found-page';
import { SectionPage } from './pages/section-page';
import { SECTIONS } from './sections';

export function App() {
  return (
    <Routes>
      <Route element={<BackofficeLayout />}>
        <Route index element={<DashboardPage />} />
        {SECTIONS.map((section) => (
          <Route key={section.path} path={section.path} element={<SectionPage section={section} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
