import { IpaDirectory, type IpaEntry } from './ipa-directory.js';

/**
 * A sample of the IPA open data (public, from indicepa.gov.it) for the embedded mode and the tests. The real source
 * (the IPA open-data API) is another adapter of IpaDirectory.
 */
export const IPA_SAMPLE: readonly IpaEntry[] = [
  {
    codiceFiscale: '00355870221',
    denominazione: 'Comune di Trento',
    codiceIpa: 'c_l378',
    comune: 'L378',
    provincia: 'TN',
    indirizzo: 'Via Belenzani 19',
    cap: '38122',
    pec: 'servizio.protocollo@pec.comune.trento.it',
  },
  {
    codiceFiscale: '00337460224',
    denominazione: 'Provincia Autonoma di Trento',
    codiceIpa: 'p_TN',
    comune: 'L378',
    provincia: 'TN',
    indirizzo: 'Piazza Dante 15',
    cap: '38122',
    pec: 'segret.generale@pec.provincia.tn.it',
  },
  {
    codiceFiscale: '00417480134',
    denominazione: 'Comune di Como',
    codiceIpa: 'c_c933',
    comune: 'C933',
    provincia: 'CO',
    indirizzo: 'Via Vittorio Emanuele II 97',
    cap: '22100',
    pec: 'protocollo.comune.como@pec.it',
  },
  {
    codiceFiscale: '01199250158',
    denominazione: 'Comune di Milano',
    codiceIpa: 'c_f205',
    comune: 'F205',
    provincia: 'MI',
    indirizzo: 'Piazza della Scala 2',
    cap: '20121',
    pec: 'protocollo@postacert.comune.milano.it',
  },
  {
    codiceFiscale: '80014890638',
    denominazione: 'Comune di Napoli',
    codiceIpa: 'c_f839',
    comune: 'F839',
    provincia: 'NA',
    indirizzo: 'Piazza Municipio 1',
    cap: '80133',
    pec: 'protocollo@pec.comune.napoli.it',
  },
  {
    codiceFiscale: '80050050154',
    denominazione: 'Regione Lombardia',
    codiceIpa: 'r_lombar',
    comune: 'F205',
    provincia: 'MI',
    indirizzo: 'Piazza Città di Lombardia 1',
    cap: '20124',
    pec: 'presidenza@pec.regione.lombardia.it',
  },
];

export class IpaSampleDirectory extends IpaDirectory {
  find(codiceFiscale: string): Promise<IpaEntry | null> {
    return Promise.resolve(IPA_SAMPLE.find((e) => e.codiceFiscale === codiceFiscale) ?? null);
  }
}
