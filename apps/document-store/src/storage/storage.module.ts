import { Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { READINESS_CHECKS } from '@profila/platform';
import { DOCUMENT_STORE_ENV } from '../config/document-store.tokens.js';
import type { DocumentStoreEnv } from '../config/document-store.env.js';
import { ObjectStorage } from './object-storage.js';

/** Makes sure the bucket exists before the service takes traffic. */
@Injectable()
export class BucketInitializer implements OnApplicationBootstrap {
  constructor(@Inject(ObjectStorage) private readonly storage: ObjectStorage) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.storage.ensureBucket();
  }
}

/** The object storage, and its bucket in the readiness check (HealthModule picks up READINESS_CHECKS). */
@Global()
@Module({
  providers: [
    {
      provide: ObjectStorage,
      inject: [DOCUMENT_STORE_ENV],
      useFactory: (env: DocumentStoreEnv) => new ObjectStorage(env),
    },
    BucketInitializer,
    {
      provide: READINESS_CHECKS,
      inject: [ObjectStorage],
      useFactory: (storage: ObjectStorage) => {
        const indicators = new HealthIndicatorService();
        return [
          async () => {
            const check = indicators.check('storage');
            return (await storage.bucketReachable())
              ? check.up({ bucket: storage.bucket })
              : check.down({ bucket: storage.bucket, message: 'bucket non raggiungibile' });
          },
        ];
      },
    },
  ],
  exports: [ObjectStorage, READINESS_CHECKS],
})
export class StorageModule {}
