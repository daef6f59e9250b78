import { useState } from 'react';
import { ApiError } from '../api/http';
import { identityApi } from '../api/identity';

/**
 * Logout: the identity service ends the local session and hands back the identity provider's single-logout address;
 * the browser goes there and the provider sends it back to /uscita.
 */
export function useLogout(): { logout: () => Promise<void>; pending: boolean; error: string | null } {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const logout = async () => {
    setPending(true);
    setError(null);
    try {
      const { redirectUrl } = await identityApi.logout();
      // The page is left as it is (no "logged out" state that would make the reserved area redirect home first).
      window.location.assign(redirectUrl || '/uscita');
    } catch (e) {
      if (e instanceof ApiError && e.unauthenticated) {
        // Already ended on the server (timeout, or logout from the identity provider): nothing left to close.
        window.location.assign('/uscita');
        return;
      }
      setPending(false);
      setError(e instanceof ApiError ? e.message : 'Uscita non riuscita: riprova.');
    }
  };

  return { logout, pending, error };
}
