import type { EmploymentRelationship } from './employment-relationship.entity.js';

/** [relationship, worker CF, employer CF, employer, start, end, contract] */
type Row = [string, string, string, string, string, string | null, string];

const INDETERMINATO = 'Lavoro a tempo indeterminato';
const DETERMINATO = 'Lavoro a tempo determinato';

/**
 * The embedded mode's employment records: the dev IdP's test citizens (README) and four more workers, with valid
 * codici fiscali and partite IVA. Sara Conti (CNTSRA95E67L378E) and Marco De Luca (DLCMRC83H18A662A) are left out
 * on purpose: "nessuna informazione presente per il lavoratore".
 */
const ROWS: Row[] = [
  // Mario Rossi: works, after an ended fixed-term contract.
  [
    'sample-001',
    'RSSMRA80A01H501U',
    '00488410010',
    'TELECOMUNICAZIONI ITALIA SPA',
    '2015-03-01',
    '2017-02-28',
    DETERMINATO,
  ],
  ['sample-002', 'RSSMRA80A01H501U', '00097020598', 'AZIENDA PROVA 1 SRL', '2019-09-16', null, INDETERMINATO],
  // Giulia Bianchi: works.
  ['sample-003', 'BNCGLI92L55F205A', '00905811006', 'SERVIZI LOMBARDI SRL', '2021-01-11', null, INDETERMINATO],
  // Luca Esposito: no relationship in course (ended).
  [
    'sample-004',
    'SPSLCU75C22F839B',
    '00159560366',
    'MECCANICA EMILIANA SPA',
    '2008-05-05',
    '2023-12-31',
    INDETERMINATO,
  ],
  // Francesca Romano: fixed-term, still in course until the end of 2030.
  ['sample-005', 'RMNFNC88S45L219F', '12485671007', 'CONSULENZE ROMANE SRL', '2024-02-01', '2030-12-31', DETERMINATO],
  ['sample-006', 'FRRLSN69P30A944J', '00097020598', 'AZIENDA PROVA 1 SRL', '1999-10-01', null, INDETERMINATO],
  ['sample-007', 'RCCCHR01B54D612N', '00905811006', 'SERVIZI LOMBARDI SRL', '2022-06-01', '2022-09-30', DETERMINATO],
  [
    'sample-008',
    'GRCGPP58T08G273K',
    '00488410010',
    'TELECOMUNICAZIONI ITALIA SPA',
    '1985-01-07',
    '2021-12-31',
    INDETERMINATO,
  ],
  ['sample-009', 'CLMNMR71D43C933V', '00097020598', 'AZIENDA PROVA 1 SRL', '2010-04-12', null, INDETERMINATO],
  ['sample-010', 'PPSNDR90R10Z129Q', '00159560366', 'MECCANICA EMILIANA SPA', '2018-07-02', null, INDETERMINATO],
  ['sample-011', 'MRNLNE65M61L736Y', '12485671007', 'CONSULENZE ROMANE SRL', '2012-03-19', '2020-03-18', DETERMINATO],
  ['sample-012', 'BRNDVD86D12L37UC', '00905811006', 'SERVIZI LOMBARDI SRL', '2016-11-14', null, INDETERMINATO],
  // Workers who are not test citizens (Como and Milano).
  ['sample-013', 'CLMLGU85D10C933Q', '00097020598', 'AZIENDA PROVA 1 SRL', '2020-02-03', null, INDETERMINATO],
  ['sample-014', 'GLLPLA90P61F205Y', '00905811006', 'SERVIZI LOMBARDI SRL', '2023-05-02', '2024-05-01', DETERMINATO],
  ['sample-015', 'MRTSFN78A30C933A', '00488410010', 'TELECOMUNICAZIONI ITALIA SPA', '2001-09-10', null, INDETERMINATO],
  ['sample-016', 'VLLLRA82T43E507U', '00159560366', 'MECCANICA EMILIANA SPA', '2017-01-09', null, 'Apprendistato'],
];

export const SAMPLE_UNKNOWN_WORKERS = ['CNTSRA95E67L378E', 'DLCMRC83H18A662A'];

export function sampleEmploymentRelationships(): EmploymentRelationship[] {
  return ROWS.map(([relationshipId, workerCf, employerCf, employerName, startDate, endDate, contractType]) => ({
    relationshipId,
    workerCf,
    employerCf,
    employerName,
    startDate,
    endDate,
    contractType,
    lastCommunicationId: `${relationshipId}-assunzione`,
    lastCommunicationKind: 'assunzione',
    source: 'sample',
    communicatedAt: new Date(`${startDate}T09:00:00Z`),
  }));
}
