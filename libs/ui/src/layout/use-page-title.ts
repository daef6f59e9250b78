import { useEffect } from 'react';

/**
 * The browser tab title hook of one UI: "<page> — <site name>", or the site name alone (home page, dashboard).
 * Each UI makes its own once: `export const usePageTitle = pageTitleHook('Profila — Servizi Lavoro')`.
 */
export function pageTitleHook(siteName: string): (page?: string) => void {
  return function usePageTitle(page?: string): void {
    useEffect(() => {
      document.title = page ? `${page} — ${siteName}` : siteName;
    }, [page]);
  };
}
