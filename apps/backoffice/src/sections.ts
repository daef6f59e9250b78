/** The operators' work areas, one per sidebar entry. */
export interface BackofficeSection {
  path: string;
  title: string;
  icon: string;
  description: string;
  emptyState: string;
}

export const SECTIONS: BackofficeSection[] = [
  {
    path: 'verifiche-amministratori',
    title: 'Verifiche amministratori',
    icon: 'it-check-circle',
    description:
      'Nomine di amministratori aziendali, registrazioni di Responsabili unici di pubbliche amministrazioni e di avvocati o enti autorizzati: abilita, respingi o chiedi integrazioni.',
    emptyState: 'Nessuna richiesta di verifica da mostrare.',
  },
  {
    path: 'richieste-raa',
    title: 'Richieste RAA',
    icon: 'it-files',
    description:
      'Richieste di accesso agli atti protocollate: indica per ogni lavoratore la situazione occupazionale alla data di ricerca ed evadi la richiesta.',
    emptyState: 'Nessuna richiesta di accesso agli atti da evadere.',
  },
  {
    path: 'strutture-regionali',
    title: 'Strutture regionali',
    icon: 'it-pa',
    description: "Sedi della Regione e Centri per l'impiego, con il personale assegnato a ciascuna struttura.",
    emptyState: 'Nessuna struttura da mostrare.',
  },
  {
    path: 'operatori',
    title: 'Operatori',
    icon: 'it-user',
    description: "Operatori della Regione, dei Centri per l'impiego e delle Province, con il territorio di competenza.",
    emptyState: 'Nessun operatore da mostrare.',
  },
];
