import { useEffect } from 'react';

export const SITE_NAME = 'Profila — Servizi Lavoro';

/** Sets the browser tab title: "<page> — Profila — Servizi Lavoro", or the site name alone for the home page. */
export function usePageTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} — ${SITE_NAME}` : SITE_NAME;
  }, [page]);
}
