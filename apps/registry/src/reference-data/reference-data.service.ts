import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ItalianPlaces } from './italian-places.js';

/** Holds the reference data in memory for the whole process (loaded once at boot). */
@Injectable()
export class ReferenceDataService implements OnModuleInit {
  private loaded?: ItalianPlaces;
  private static shared?: Promise<ItalianPlaces>;

  async onModuleInit(): Promise<void> {
    // One copy per process, also when several apps are booted in one test process.
    ReferenceDataService.shared ??= ItalianPlaces.load();
    this.loaded = await ReferenceDataService.shared;
  }

  get places(): ItalianPlaces {
    if (!this.loaded) throw new Error('Reference data not loaded yet');
    return this.loaded;
  }
}
