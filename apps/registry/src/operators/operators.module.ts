import { Module } from '@nestjs/common';
import { OperatorRepository } from './operator.repository.js';
import { OperatorsController } from './operators.controller.js';
import { OperatorsService } from './operators.service.js';

/** The back office's operators and their territories (issue #11), from registry memberships. */
@Module({
  controllers: [OperatorsController],
  providers: [OperatorsService, OperatorRepository],
})
export class OperatorsModule {}
