import { Module } from '@nestjs/common';
import { KnownCitizensController } from './known-citizens.controller.js';

@Module({ controllers: [KnownCitizensController] })
export class CitizensModule {}
