import { Module } from '@nestjs/common';
import { SpidLogRepository } from './spid-log.repository.js';
import { SpidLogService } from './spid-log.service.js';

@Module({ providers: [SpidLogRepository, SpidLogService], exports: [SpidLogService] })
export class SpidLogModule {}
