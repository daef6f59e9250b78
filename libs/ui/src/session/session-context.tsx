import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { hasSessionHint } from '../api/http';
import { type Me, sessionApi } from '../api/identity-session';

export type SessionState =
  { status: 'checking' } | { status: 'anonymous'; reason?: 'expired' } | { status: 'authenticated'; me: Me };

export interface Session {
  state: SessionState;
  /** Asks the identity service who is logged in (after acting-as changes, for instance). */
  refresh: () => Promise<void>;
  /** The back end answered 401: the session ended on the server. */
  expired: () => void;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Who is logged in, for the header and the pages behind a login (portal's reserved area, back office). The session cookie is HTTP-only, so only the identity
 * service knows; it is asked once per page load, and only when the readable CSRF companion cookie exists (no session,
 * no pointless 401 on the public pages).
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>(() =>
    hasSessionHint() ? { status: 'checking' } : { status: 'anonymous' },
  );

  const refresh = useCallback(async () => {
    try {
      const me = await sessionApi.me();
      setState({ status: 'authenticated', me });
    } catch {
      setState({ status: 'anonymous', reason: 'expired' });
    }
  }, []);

  useEffect(() => {
    if (hasSessionHint()) void refresh();
  }, [refresh]);

  const session = useMemo<Session>(
    () => ({
      state,
      refresh,
      expired: () => setState({ status: 'anonymous', reason: 'expired' }),
    }),
    [state, refresh],
  );

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession fuori da <SessionProvider>');
  return session;
}

export function displayName(me: Me): string {
  return [me.nome, me.cognome].filter(Boolean).join(' ') || me.codiceFiscale;
}

export function actingAsLabel(me: Me): string {
  return me.actingFor ? me.actingFor.ragioneSociale : 'Utente privato';
}
