/** A public administration as the IPA index (indicepa.gov.it) lists it. */
export interface IpaEntry {
  codiceFiscale: string;
  denominazione: string;
  codiceIpa: string;
  /** Belfiore code of the comune of the sede. */
  comune: string;
  provincia: string;
  indirizzo: string;
  cap: string;
  pec: string | null;
}

/** Port: looks a PA up in the IPA open data. The embedded mode answers from a seeded sample. */
export abstract class IpaDirectory {
  abstract find(codiceFiscale: string): Promise<IpaEntry | null>;
}
