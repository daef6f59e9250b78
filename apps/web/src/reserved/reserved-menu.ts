/** The reserved area's menu, as in the Servizi Lavoro manual (section 3); Logout is an action, not a page. */
export const RESERVED_MENU = [
  { to: '/area-riservata/anagrafica', label: 'Gestione anagrafica', icon: 'it-user' },
  { to: '/area-riservata/profili', label: 'Gestione profili', icon: 'it-pa' },
  { to: '/area-riservata/amministratore', label: 'Gestione dati amministratore', icon: 'it-check-circle' },
  { to: '/area-riservata/responsabile-unico', label: 'Registrazione amministrazione', icon: 'it-pa' },
  { to: '/area-riservata/registrazione-raa', label: 'Registrazione accesso agli atti', icon: 'it-files' },
  { to: '/area-riservata/utenza-aziendale', label: "Accedi all'utenza aziendale", icon: 'it-key' },
  { to: '/area-riservata/deleghe', label: 'Gestione deleghe', icon: 'it-sign' },
  { to: '/area-riservata/accesso-atti', label: 'Richieste di accesso agli atti', icon: 'it-files' },
  { to: '/area-riservata', label: 'Vai alla home dei servizi', icon: 'it-arrow-left' },
] as const;

export const RESERVED_HOME = '/area-riservata';
