import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module.js';
import { UnitsModule } from '../units/units.module.js';
import { SampleStructuresLoader } from './sample-structures.js';

/** Embedded mode only: the sample back-office structures (SAMPLE_STRUCTURES). */
@Module({ imports: [OrganizationsModule, UnitsModule], providers: [SampleStructuresLoader] })
export class SampleDataModule {}
