import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type EmploymentRecord, EmploymentRecords } from './employment-records.js';
import { EmploymentRepository } from './employment.repository.js';

/** The EmploymentRecords adapter over the read model kept from COB events (and the sample data in embedded mode). */
@Injectable()
export class ReadModelEmploymentRecords extends EmploymentRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EmploymentRepository,
  ) {
    super();
  }

  async relationshipsOf(workerCf: string): Promise<EmploymentRecord[]> {
    const rows = await this.repository.relationshipsOf(this.dataSource.manager, workerCf);
    return rows.map((r) => ({
      relationshipId: r.relationshipId,
      workerCf: r.workerCf,
      employerCf: r.employerCf,
      employerName: r.employerName,
      startDate: r.startDate,
      endDate: r.endDate,
      contractType: r.contractType,
    }));
  }
}
