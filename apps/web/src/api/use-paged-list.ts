import { useCallback, useEffect, useState } from 'react';
import { ApiError, type PageState, useSession } from '@profila/ui';
import type { Page } from './delegations-api';

/** One server-paged, searchable list: the page asked for, what came back, and how to reload it. */
export function usePagedList<T>(load: (page: PageState) => Promise<Page<T>>) {
  const { expired } = useSession();
  const [page, setPage] = useState<PageState>({ cerca: '', pagina: 1, elementi: 10 });
  const [data, setData] = useState<Page<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
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
        if (e instanceof ApiError && e.unauthenticated) expired();
        else setError(e instanceof ApiError ? e.message : 'Caricamento non riuscito.');
      },
    );
    return () => {
      active = false;
    };
  }, [load, page, version, expired]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { page, setPage, data, error, loading, reload };
}
