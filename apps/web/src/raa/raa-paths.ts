export const RAA_PATH = '/area-riservata/accesso-atti';
export const RAA_TITLE = 'Richieste di accesso agli atti';
