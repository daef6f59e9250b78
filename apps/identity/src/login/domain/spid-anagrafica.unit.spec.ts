import { anagraficaFromSpid, parseAddress, parseIdCard, safeReturnTo } from './spid-anagrafica.js';

describe('SPID attributes → anagrafica', () => {
  it('reads the idCard attribute as documento', () => {
    expect(parseIdCard('CartaIdentità AA0000000 ComuneRoma 2013-01-01 2023-01-01')).toEqual({
      documentoTipo: "Carta d'identità",
      documentoNumero: 'AA0000000',
      documentoRilasciatoDa: 'Comune di Roma',
      documentoDataRilascio: '2013-01-01',
      documentoDataScadenza: '2023-01-01',
    });
    expect(parseIdCard('Passaporto YA1234567 MinisteroAffariEsteri 2020-03-01 2030-02-28').documentoRilasciatoDa).toBe(
      'Ministero Affari Esteri',
    );
    expect(parseIdCard(undefined)).toEqual({});
  });

  it('reads the address attribute as domicilio, keeping an unparseable one whole', () => {
    expect(parseAddress('Via del Corso 12 00186 Roma RM')).toEqual({
      domicilioIndirizzo: 'Via del Corso 12',
      domicilioCap: '00186',
      domicilioComune: 'Roma',
      domicilioProvincia: 'RM',
    });
    expect(parseAddress('Piazza Duomo 1 20121 San Donato Milanese mi').domicilioComune).toBe('San Donato Milanese');
    expect(parseAddress('Strada senza CAP')).toEqual({ domicilioIndirizzo: 'Strada senza CAP' });
  });

  it('prefers the domicile* attributes and drops what the IdP did not release', () => {
    const a = anagraficaFromSpid({
      name: 'Mario',
      familyName: 'Rossi',
      gender: 'm',
      dateOfBirth: '1980-01-01',
      address: 'Via del Corso 12 00186 Roma RM',
      domicileMunicipality: 'Frascati',
      digitalAddress: 'mario@pec.it',
    });
    expect(a).toEqual({
      nome: 'Mario',
      cognome: 'Rossi',
      sesso: 'M',
      dataNascita: '1980-01-01',
      pec: 'mario@pec.it',
      domicilioIndirizzo: 'Via del Corso 12',
      domicilioCap: '00186',
      domicilioComune: 'Frascati',
      domicilioProvincia: 'RM',
    });
  });

  it('only returns to same-origin paths', () => {
    expect(safeReturnTo('/area-riservata/anagrafica')).toBe('/area-riservata/anagrafica');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'area', '/a\nb', undefined]) {
      expect(safeReturnTo(bad)).toBe('/area-riservata');
    }
  });
});
