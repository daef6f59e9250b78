import { type DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@profila/messaging';
import { DatabaseModule } from '@profila/persistence';
import { AuthModule, HealthModule } from '@profila/platform';
import { AssociationsModule } from './associations/associations.module.js';
import { RegistryCommonModule } from './common/registry-common.module.js';
import type { RegistryEnv } from './config/registry.env.js';
import { REGISTRY_ENV } from './config/registry.tokens.js';
import { REGISTRY_ENTITIES } from './database/entities.js';
import { REGISTRY_MIGRATIONS } from './database/migrations/index.js';
import { LegacyAccountsModule } from './legacy-accounts/legacy-accounts.module.js';
import { ImportedPeopleModule } from './legacy-people/imported-people.module.js';
import { MembershipsModule } from './memberships/memberships.module.js';
import { OperatorsModule } from './operators/operators.module.js';
import { OrganizationsModule } from './organizations/organizations.module.js';
import { ReferenceDataModule } from './reference-data/reference-data.module.js';
import { SampleDataModule } from './sample-data/sample-data.module.js';
import { UnitsModule } from './units/units.module.js';
import { VerificationsModule } from './verifications/verifications.module.js';

/** registry: persone giuridiche, unità operative, organigramma, associazioni. */
@Module({})
export class RegistryModule {
  static register(env: RegistryEnv): DynamicModule {
    return {
      module: RegistryModule,
      global: true,
      providers: [{ provide: REGISTRY_ENV, useValue: env }],
      exports: [REGISTRY_ENV],
      imports: [
        DatabaseModule.forService({
          url: env.DATABASE_URL!,
          entities: REGISTRY_ENTITIES,
          migrations: REGISTRY_MIGRATIONS,
        }),
        MessagingModule.forService('registry', env),
        AuthModule.forService(env),
        HealthModule,
        ReferenceDataModule,
        RegistryCommonModule,
        OrganizationsModule,
        UnitsModule,
        MembershipsModule,
        AssociationsModule,
        OperatorsModule,
        VerificationsModule,
        LegacyAccountsModule,
        ImportedPeopleModule,
        SampleDataModule,
      ],
    };
  }
}
