/** The four kinds of legal person the registry keeps, and their fixed lists of values (from the seeds). */
export const ORGANIZATION_KINDS = [
  'azienda-italiana',
  'azienda-estera',
  'ente-operatore',
  'pubblica-amministrazione',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** "Tipo profilo" as "I tuoi profili" shows it. */
export const KIND_LABELS: Record<OrganizationKind, string> = {
  'azienda-italiana': 'Azienda italiana',
  'azienda-estera': 'Azienda estera',
  'ente-operatore': 'Ente operatore',
  'pubblica-amministrazione': 'Pubblica amministrazione',
};

/** SARE accreditation types ("Tipologia azienda", Trentino Lavoro) and Servizi Lavoro's soggetti abilitati. */
export const TIPI_SOGGETTO_ABILITATO = [
  'agenzia-di-somministrazione',
  'agenzia-per-il-lavoro',
  'datore-di-lavoro-privato',
  'datore-di-lavoro-pubblico',
  'soggetto-abilitato',
  'soggetto-promotore-tirocini',
  'patronato',
  'sindacato',
  'associazione-di-categoria',
  'consulente-del-lavoro',
] as const;
export type TipoSoggettoAbilitato = (typeof TIPI_SOGGETTO_ABILITATO)[number];

export const TIPI_SOGGETTO_ABILITATO_LABELS: Record<TipoSoggettoAbilitato, string> = {
  'agenzia-di-somministrazione': 'Agenzia di Somministrazione',
  'agenzia-per-il-lavoro': 'Agenzia per il lavoro (art. 4, comma 1 lettere a), b) e c) del D.lgs 276/2003)',
  'datore-di-lavoro-privato': 'Datore di lavoro privato',
  'datore-di-lavoro-pubblico': 'Datore di Lavoro Pubblico (PA)',
  'soggetto-abilitato': 'Soggetto Abilitato ad agire per conto del datore di lavoro',
  'soggetto-promotore-tirocini': 'Soggetto promotore di tirocini',
  patronato: 'Patronato',
  sindacato: 'Sindacato',
  'associazione-di-categoria': 'Associazione di categoria',
  'consulente-del-lavoro': 'Consulente del lavoro',
};

/** Kinds of ente operatore (ANPAL FAQ). */
export const TIPI_ENTE = [
  'regione',
  'provincia',
  'agenzia-per-il-lavoro',
  'patronato',
  'ente-di-formazione',
  'altro',
] as const;
export type TipoEnte = (typeof TIPI_ENTE)[number];

/** ATECO 2007 sections. */
export const SETTORI_ECONOMICI = 'ABCDEFGHIJKLMNOPQRSTU'.split('');

/** Kinds that keep territorial structures (units serving comuni / province). */
export function servesTerritory(kind: OrganizationKind): boolean {
  return kind === 'ente-operatore' || kind === 'pubblica-amministrazione';
}
