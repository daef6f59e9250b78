import { Module } from '@nestjs/common';
import { LegacyAccountRepository } from './legacy-account.repository.js';
import { LegacyAccountsController } from './legacy-accounts.controller.js';
import { LegacyAccountsService } from './legacy-accounts.service.js';

@Module({ controllers: [LegacyAccountsController], providers: [LegacyAccountsService, LegacyAccountRepository] })
export class LegacyAccountsModule {}
