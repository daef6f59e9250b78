import { pageTitleHook } from '@profila/ui';

export const SITE_NAME = 'Profila — Back office operatori';

/** Sets the browser tab title: "<page> — Profila — Back office operatori", or the site name alone for the dashboard. */
export const usePageTitle = pageTitleHook(SITE_NAME);

/**
 * Where the identity service brings an operator back after the login (`returnTo`, checked by identity to be a path
 * of this origin): the back office's dashboard, `/backoffice/`.
 */
export const OPERATOR_RETURN_TO = import.meta.env.BASE_URL;

/** The back office's own identity-provider chooser (relative to the router's basename). */
export const OPERATOR_LOGIN_PATH = '/accedi';
