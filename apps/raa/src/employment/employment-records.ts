/** One employment relationship of a worker, as the records hold it. */
export interface EmploymentRecord {
  relationshipId: string;
  workerCf: string;
  employerCf: string;
  employerName: string;
  /** YYYY-MM-DD. */
  startDate: string;
  /** YYYY-MM-DD, null when open-ended. */
  endDate: string | null;
  contractType: string;
}

/**
 * The port to the employment records (COB data). The adapter of this deployment reads the read model kept from
 * `cob.employment.v1`; an adapter for a real COB query service would implement the same method. Callers never use
 * it directly: EmploymentSituations logs every read.
 */
export abstract class EmploymentRecords {
  /** Every relationship known for the worker, oldest first. */
  abstract relationshipsOf(workerCf: string): Promise<EmploymentRecord[]>;
}
