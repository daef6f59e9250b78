import { useCallback, useEffect, useState } from 'react';
import { ApiError, type PageState, useSession } from '@profila/ui';

/** What a server-paged list answers ("Visualizza N elementi · Cerca:"). */
export interface PagedItems {
  items: unknown[];
  totale: number;
}

export interface PagedListOptions {
  /** Load only while true (default true): a list the page does not show is not asked for. */
  enabled?: boolean;
  /** A failure the page handles itself (a list this caller may not see): true keeps it out of `error`. */
  handled?: (error: unknown) => boolean;
}

/** One server-paged, searchable list: the page asked for, what came back, and how to reload it. */
export function usePagedList<P extends PagedItems>(
  load: (page: PageState) => Promise<P>,
  { enabled = true, handled }: PagedListOptions = {},
) {
  const { expired } = useSession();
  const [page, setPage] = useState<PageState>({ cerca: '', pagina: 1, elementi: 10 });
  const [data, setData] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    let active = true;
    setLoading(true);
    load(page).then(
      (loaded) => {
        if (!active) return;
        setData(loaded);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!active) return;
        setLoading(false);
        if (handled?.(e)) return;
        if (e instanceof ApiError && e.unauthenticated) expired();
        else setError(e instanceof ApiError ? e.message : 'Caricamento non riuscito.');
      },
    );
    return () => {
      active = false;
    };
  }, [load, page, version, expired, enabled, handled]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { page, setPage, data, error, loading, reload };
}
