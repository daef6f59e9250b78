import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { generateCodiceFiscale } from '@profila/italian';
import { type Actor, createLogger, requestContext } from '@profila/platform';
import type { RegistryEnv } from '../config/registry.env.js';
import { REGISTRY_ENV } from '../config/registry.tokens.js';
import type { TipoEnte } from '../domain/organization-kind.js';
import { OrganizationRepository } from '../organizations/organization.repository.js';
import { OrganizationsService } from '../organizations/organizations.service.js';
import { UnitsService } from '../units/units.service.js';

interface SampleStructure {
  codiceFiscale: string;
  ragioneSociale: string;
  tipoEnte: TipoEnte;
  provincia: string;
  comune: string;
  cap: string;
  indirizzo: string;
  email: string;
  centro: { descrizione: string; comune: string; cap: string; indirizzo: string; provincia: string };
}

/** The structures a newcomer assigns operators to after `npm start` (ANPAL FAQ: Regions' sedi and CPI). */
const SAMPLE_STRUCTURES: SampleStructure[] = [
  {
    codiceFiscale: '00337460224',
    ragioneSociale: 'Provincia Autonoma di Trento',
    tipoEnte: 'provincia',
    provincia: 'TN',
    comune: 'L378',
    cap: '38122',
    indirizzo: 'Piazza Dante 15',
    email: 'servizio.lavoro@provincia.tn.example.it',
    centro: {
      descrizione: "Centro per l'Impiego di Trento",
      comune: 'L378',
      cap: '38121',
      indirizzo: 'Via Maestri del Lavoro 10',
      provincia: 'TN',
    },
  },
  {
    codiceFiscale: '80004650133',
    ragioneSociale: 'Provincia di Como',
    tipoEnte: 'provincia',
    provincia: 'CO',
    comune: 'C933',
    cap: '22100',
    indirizzo: 'Via Borgo Vico 148',
    email: 'lavoro@provincia.como.example.it',
    centro: {
      descrizione: "Centro per l'Impiego di Como",
      comune: 'C933',
      cap: '22100',
      indirizzo: 'Via Italia Libera 12',
      provincia: 'CO',
    },
  },
  {
    codiceFiscale: '80050050154',
    ragioneSociale: 'Regione Lombardia',
    tipoEnte: 'regione',
    provincia: 'MI',
    comune: 'F205',
    cap: '20124',
    indirizzo: 'Piazza Città di Lombardia 1',
    email: 'lavoro@regione.lombardia.example.it',
    centro: {
      descrizione: "Centro per l'Impiego di Milano",
      comune: 'F205',
      cap: '20124',
      indirizzo: 'Via Strozzi 11',
      provincia: 'MI',
    },
  },
];

/** The legal representative the sample structures declare (their units unlock once one is saved). */
const REPRESENTATIVE = { cognome: 'Neri', nome: 'Anna', dataNascita: '1975-03-03', luogoNascita: 'L378' };

/**
 * SAMPLE_STRUCTURES (embedded mode): registers the sample structures at boot through the registry's own use cases
 * (events, audit), each with its legal representative and its Centro per l'Impiego serving the province. A structure
 * whose codice fiscale is already in the registry is left as it is: running it again changes nothing.
 */
@Injectable()
export class SampleStructuresLoader implements OnApplicationBootstrap {
  private readonly actor: Actor = { kind: 'service', id: 'registry' };

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: OrganizationRepository,
    private readonly organizations: OrganizationsService,
    private readonly units: UnitsService,
    @Inject(REGISTRY_ENV) private readonly env: RegistryEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.SAMPLE_STRUCTURES) return;
    const id = requestContext.newId();
    await requestContext.run({ requestId: id, correlationId: id, actor: this.actor }, () => this.load());
  }

  private async load(): Promise<void> {
    const added: string[] = [];
    for (const sample of SAMPLE_STRUCTURES) {
      if (await this.repository.findByCodiceFiscale(this.dataSource.manager, sample.codiceFiscale)) continue;
      const { centro, ...ente } = sample;
      const organization = await this.organizations.registerEnte(ente);
      await this.organizations.setLegalRepresentative(this.actor, organization.id, {
        ...REPRESENTATIVE,
        codiceFiscale: generateCodiceFiscale({ ...REPRESENTATIVE, sesso: 'F', codiceCatastale: 'L378' }),
      });
      await this.units.create(this.actor, organization.id, {
        descrizione: centro.descrizione,
        comune: centro.comune,
        cap: centro.cap,
        indirizzo: centro.indirizzo,
        validaDal: '2020-01-01',
        provinceServite: [centro.provincia],
      });
      added.push(sample.ragioneSociale);
    }
    if (added.length > 0) createLogger('registry').info({ added }, 'sample structures registered');
  }
}
