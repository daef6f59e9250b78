import { Module } from '@nestjs/common';
import { CitizenRepository } from './citizen.repository.js';
import { CitizensController } from './citizens.controller.js';
import { CitizensService } from './citizens.service.js';

@Module({
  controllers: [CitizensController],
  providers: [CitizenRepository, CitizensService],
  exports: [CitizensService],
})
export class CitizensModule {}
