import { useState } from 'react';
import { ApiError } from '../api/http';
import { sessionApi } from '../api/identity-session';

/** The portal's "Sei uscito" page, where the identity provider's single logout ends (both UIs). */
export const LOGGED_OUT_PAGE = '/uscita';

/**
 * Logout: the identity service ends the local session and hands back the identity provider's single-logout address;
 * the browser goes there and the provider sends it back to the portal's /uscita.
 */
export function useLogout(): { logout: () => Promise<void>; pending: boolean; error: string | null } {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const logout = async () => {
    setPending(true);
    setError(null);
    try {
      const { redirectUrl } = await sessionApi.logout();
      // The page is left as it is (no "logged out" state that would make the reserved area redirect home first).
      window.location.assign(redirectUrl || LOGGED_OUT_PAGE);
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) {
        // Already ended on the server (timeout, or logout from the identity provider): nothing left to close.
        window.location.assign(LOGGED_OUT_PAGE);
        return;
      }
      setPending(false);
      setError(e instanceof ApiError ? e.message : 'Uscita non riuscita: riprova.');
    }
  };

  return { logout, pending, error };
}
