/**
 * The registry's operators API as other services read it (`GET /operators/:codiceFiscale`, `GET /operators`,
 * service credential): the back office's operators and the units (CPI, sedi) they work on. The registry's response
 * DTOs implement these shapes, so a change there that a caller would not understand does not compile.
 */

/** A unit an operator holds BACKOFFICE on, with the territory it serves. */
export interface RegistryOperatorUnit {
  organizationId: string;
  ragioneSociale: string;
  unitId: string;
  descrizione: string;
  /** Comuni served (codici catastali). */
  comuniServiti: string[];
  /** Province served (sigle). */
  provinceServite: string[];
}

/** `GET /operators/:codiceFiscale`: an operator's territory (the units where they hold BACKOFFICE). */
export interface RegistryOperatorTerritory {
  codiceFiscale: string;
  /** Holds BACKOFFICE somewhere. */
  operatore: boolean;
  /** Holds SUPEROPERATORE somewhere. */
  superOperatore: boolean;
  units: RegistryOperatorUnit[];
}

/** One structure (Region, Provincia, agency) an operator works for, and their units there. */
export interface RegistryOperatorAssignment {
  organizationId: string;
  ragioneSociale: string;
  superOperatore: boolean;
  units: RegistryOperatorUnit[];
}

/** `GET /operators` item: an operator with every assignment. */
export interface RegistryOperator {
  codiceFiscale: string;
  nome: string | null;
  cognome: string | null;
  assignments: RegistryOperatorAssignment[];
}
