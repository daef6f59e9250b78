import { useEffect, useState } from 'react';
import { type IdentityProvider, type LoginKind, sessionApi } from '../api/identity-session';

export type IdpList =
  { state: 'loading' } | { state: 'ready'; idps: IdentityProvider[] } | { state: 'error'; message: string };

/** The identity providers of one kind, fetched once `enabled` is true (the SPID menu loads them when opened). */
export function useIdps(kind: LoginKind, enabled = true): IdpList {
  const [loaded, setLoaded] = useState<{ kind: LoginKind; list: IdpList } | null>(null);
  const current = loaded?.kind === kind ? loaded.list : null;
  const shouldLoad = enabled && current === null;

  useEffect(() => {
    if (!shouldLoad) return;
    let active = true;
    sessionApi.idps(kind).then(
      (idps) => {
        // Anything but a list (e.g. a static server without the API) is "no provider available".
        if (active) setLoaded({ kind, list: { state: 'ready', idps: Array.isArray(idps) ? idps : [] } });
      },
      () => {
        if (active) {
          setLoaded({
            kind,
            list: { state: 'error', message: "Non è stato possibile caricare l'elenco dei gestori." },
          });
        }
      },
    );
    return () => {
      active = false;
    };
  }, [kind, shouldLoad]);

  return current ?? { state: 'loading' };
}
