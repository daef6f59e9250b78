import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createLogger } from '@profila/platform';
import type { RaaEnv } from '../config/raa.env.js';
import { RAA_ENV } from '../config/raa.tokens.js';
import { EmploymentRepository } from './employment.repository.js';
import { sampleEmploymentRelationships } from './employment-sample.js';

/** EMPLOYMENT_SAMPLE_DATA: loads the sample employment records at boot; rows already there are left alone. */
@Injectable()
export class EmploymentSampleLoader implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: EmploymentRepository,
    @Inject(RAA_ENV) private readonly env: RaaEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.EMPLOYMENT_SAMPLE_DATA) return;
    const added = await this.repository.insertMissing(this.dataSource.manager, sampleEmploymentRelationships());
    if (added > 0) createLogger('raa').info({ added }, 'sample employment records loaded');
  }
}
