import { SiteFooter, SkipLinks, useScrollOnNavigate } from '@profila/ui';
import { Outlet } from 'react-router-dom';
import { BackofficeHeader } from './backoffice-header';
import { BackofficeSidebar } from './backoffice-sidebar';

export function BackofficeLayout() {
  useScrollOnNavigate();

  return (
    <>
      <SkipLinks />
      <BackofficeHeader />
      <div className="container-xxl py-4">
        <div className="row">
          <aside className="col-lg-3 mb-4">
            <BackofficeSidebar />
          </aside>
          <main id="contenuto" className="col-lg-9" tabIndex={-1}>
            <Outlet />
          </main>
        </div>
      </div>
      {/* The legal pages live on the public portal, outside the back office's base path. */}
      <SiteFooter legalPagesOutside containerClassName="container-xxl" />
    </>
  );
}
