import type { ComponentType } from 'react';
import { Route, Routes } from 'react-router-dom';
import { BackofficeLayout } from './layout/backoffice-layout';
import { DashboardPage } from './pages/dashboard-page';
import { NotFoundPage } from './pages/not-found-page';
import { OperatorLoginPage } from './pages/operator-login-page';
import { SectionPage } from './pages/section-page';
import { RaaDetailPage } from './raa/raa-detail-page';
import { RaaQueuePage } from './raa/raa-queue-page';
import { SECTIONS } from './sections';
import { StructuresPage } from './structures/structures-page';
import { OperatorsPage } from './verification/operators-page';
import { QueuePage } from './verification/queue-page';
import { RequestDetailPage } from './verification/request-detail-page';

/** Sections with pages of their own; the others still show their placeholder. */
const PAGES: Record<string, ComponentType> = {
  'verifiche-amministratori': QueuePage,
  operatori: OperatorsPage,
  'richieste-raa': RaaQueuePage,
  'strutture-regionali': StructuresPage,
};

export function App() {
  return (
    <Routes>
      <Route element={<BackofficeLayout />}>
        <Route index element={<DashboardPage />} />
        <Route path="accedi" element={<OperatorLoginPage />} />
        {SECTIONS.map((section) => {
          const Page = PAGES[section.path];
          return (
            <Route
              key={section.path}
              path={section.path}
              element={Page ? <Page /> : <SectionPage section={section} />}
            />
          );
        })}
        <Route path="verifiche-amministratori/:id" element={<RequestDetailPage />} />
        <Route path="richieste-raa/:id" element={<RaaDetailPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
