import { Module } from '@nestjs/common';
import { ImportedPeopleController } from './imported-people.controller.js';
import { ImportedPeopleService } from './imported-people.service.js';
import { ImportedPersonRepository } from './imported-person.repository.js';

/** "Utenti importati dal sistema precedente": the legacy people an organisation may add to its organigram. */
@Module({ controllers: [ImportedPeopleController], providers: [ImportedPeopleService, ImportedPersonRepository] })
export class ImportedPeopleModule {}
