import { pageTitleHook } from '@profila/ui';

export const SITE_NAME = 'Profila — Servizi Lavoro';

/** Sets the browser tab title: "<page> — Profila — Servizi Lavoro", or the site name alone for the home page. */
export const usePageTitle = pageTitleHook(SITE_NAME);
