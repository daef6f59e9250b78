import { useEffect } from 'react';

export const SITE_NAME = 'Profila — Back office operatori';

/** Sets the browser tab title: "<page> — Profila — Back office operatori", or the site name alone for the dashboard. */
export function usePageTitle(page?: string): void {
  useEffect(() => {
    document.title = page ? `${page} — ${SITE_NAME}` : SITE_NAME;
  }, [page]);
}
