// The fixed lists of the registry (apps/registry/src/domain/organization-kind.ts) with their Italian labels.
export const TIPI_SOGGETTO_ABILITATO: Array<[string, string]> = [
  ['agenzia-di-somministrazione', 'Agenzia di Somministrazione'],
  ['agenzia-per-il-lavoro', 'Agenzia per il lavoro (art. 4, comma 1 lettere a), b) e c) del D.lgs 276/2003)'],
  ['datore-di-lavoro-privato', 'Datore di lavoro privato'],
  ['datore-di-lavoro-pubblico', 'Datore di Lavoro Pubblico (PA)'],
  ['soggetto-abilitato', 'Soggetto Abilitato ad agire per conto del datore di lavoro'],
  ['soggetto-promotore-tirocini', 'Soggetto promotore di tirocini'],
  ['patronato', 'Patronato'],
  ['sindacato', 'Sindacato'],
  ['associazione-di-categoria', 'Associazione di categoria'],
  ['consulente-del-lavoro', 'Consulente del lavoro'],
];

export const TIPI_ENTE: Array<[string, string]> = [
  ['regione', 'Regione'],
  ['provincia', 'Provincia'],
  ['agenzia-per-il-lavoro', 'Agenzia per il lavoro'],
  ['patronato', 'Patronato'],
  ['ente-di-formazione', 'Ente di formazione'],
  ['altro', 'Altro'],
];

/** ATECO 2007 sections. */
export const SETTORI_ECONOMICI: Array<[string, string]> = [
  ['A', 'A - Agricoltura, silvicoltura e pesca'],
  ['B', 'B - Estrazione di minerali da cave e miniere'],
  ['C', 'C - Attività manifatturiere'],
  ['D', 'D - Fornitura di energia elettrica, gas, vapore e aria condizionata'],
  ['E', 'E - Fornitura di acqua; reti fognarie, attività di gestione dei rifiuti e risanamento'],
  ['F', 'F - Costruzioni'],
  ['G', "G - Commercio all'ingrosso e al dettaglio; riparazione di autoveicoli e motocicli"],
  ['H', 'H - Trasporto e magazzinaggio'],
  ['I', 'I - Attività dei servizi di alloggio e di ristorazione'],
  ['J', 'J - Servizi di informazione e comunicazione'],
  ['K', 'K - Attività finanziarie e assicurative'],
  ['L', 'L - Attività immobiliari'],
  ['M', 'M - Attività professionali, scientifiche e tecniche'],
  ['N', 'N - Noleggio, agenzie di viaggio, servizi di supporto alle imprese'],
  ['O', 'O - Amministrazione pubblica e difesa; assicurazione sociale obbligatoria'],
  ['P', 'P - Istruzione'],
  ['Q', 'Q - Sanità e assistenza sociale'],
  ['R', 'R - Attività artistiche, sportive, di intrattenimento e divertimento'],
  ['S', 'S - Altre attività di servizi'],
  ['T', 'T - Attività di famiglie e convivenze come datori di lavoro per personale domestico'],
  ['U', 'U - Organizzazioni ed organismi extraterritoriali'],
];

export const TIPI_AZIENDA = [
  'Impresa individuale',
  'Società di persone',
  'Società di capitali',
  'Società cooperativa',
  'Consorzio',
  'Associazione o fondazione',
  'Altro',
];

export const ROLE_LABELS: Record<string, string> = {
  COB: 'COB - Comunicazioni obbligatorie',
  SARE: 'SARE',
  IDO: 'IDO - Incontro domanda offerta',
  RAA: 'RAA - Accesso agli atti',
  ANAGRAFICA: 'ANAGRAFICA - Dati azienda',
};

/** What Storico says for each audited action. */
export const ACTION_LABELS: Record<string, string> = {
  'organization.registered': 'Registrazione',
  'organization.updated': 'Modifica dati azienda',
  'organization.legal-representative-saved': 'Rappresentante legale salvato',
  'organization.association-requested': 'Dichiarazione di associazione scaricata',
  'organization.associated': 'Associazione del profilo',
  'organization.association-revoked': 'Revoca del profilo',
  'unit.created': 'Unità operativa aggiunta',
  'unit.updated': 'Unità operativa modificata',
  'unit.deleted': 'Unità operativa rimossa',
  'membership.granted': 'Utente aggiunto',
  'membership.changed': 'Utente modificato',
  'membership.revoked': 'Utente rimosso',
};
