// The in-memory name index proposes the organisations whose name contains the text (never the ones starting with it),
// of the Tipo profilo asked, up to the limit, and follows renames, changes of kind and deletes.
import { NameIndex } from '../src/organizations/name-index.js';

const rows = [
  { id: 'a', foreign: false, name: 'ALFA COSTRUZIONI SRL' },
  { id: 'b', foreign: false, name: 'BETA ALFA SRL' },
  { id: 'c', foreign: true, name: 'ALFA BAU GMBH' },
  { id: 'd', foreign: false, name: 'OMEGA ALFAALFA SNC' },
  { id: 'e', foreign: true, name: 'MÜLLER ALFA AG' },
];

describe('NameIndex', () => {
  it('proposes names containing the text but not starting with it, of the kind asked, up to the limit', async () => {
    const index = await NameIndex.build(rows, 2);
    expect(index.size).toBe(5);
    expect(index.containing('ALFA', undefined, 20).sort()).toEqual(['b', 'd', 'e']);
    expect(index.containing('ALFA', false, 20).sort()).toEqual(['b', 'd']);
    expect(index.containing('ALFA', true, 20)).toEqual(['e']);
    expect(index.containing('ALFA', undefined, 2)).toHaveLength(2);
    expect(index.containing('LFA S', undefined, 20).sort()).toEqual(['b', 'd']);
    expect(index.containing('ÜLLER', undefined, 20)).toEqual(['e']);
    expect(index.containing('ALFX', undefined, 20)).toEqual([]);
    expect(index.containing('ZZZ', undefined, 20)).toEqual([]);
    // Every trigram of the text is in some name, the text in none.
    expect(index.containing('AFA SRL', undefined, 20)).toEqual([]);
  });

  it('follows inserts, renames, changes of kind and deletes, and ignores a change applied twice', async () => {
    const index = await NameIndex.build(rows, 2);
    index.apply('f', false, 'GAMMA ALFA SPA');
    expect(index.containing('ALFA SPA', undefined, 20)).toEqual(['f']);
    index.apply('b', false, 'BETA GAMMA SRL');
    index.apply('b', false, 'BETA GAMMA SRL');
    expect(index.containing('ALFA', false, 20).sort()).toEqual(['d', 'f']);
    expect(index.containing('GAMMA', undefined, 20)).toEqual(['b']);
    index.apply('d', true, 'OMEGA ALFAALFA SNC');
    expect(index.containing('ALFA', true, 20).sort()).toEqual(['d', 'e']);
    index.apply('e', true, null);
    expect(index.containing('ALFA', true, 20)).toEqual(['d']);
    expect(index.size).toBe(5);
    index.applyIfAbsent('f', false, 'GAMMA VECCHIO SPA'); // a newer notification came first: kept
    expect(index.containing('ALFA SPA', undefined, 20)).toEqual(['f']);
    index.applyIfAbsent('g', false, 'NUOVA ALFA SPA');
    expect(index.containing('ALFA SPA', undefined, 20).sort()).toEqual(['f', 'g']);
    const empty = await NameIndex.build([]);
    empty.apply('x', false, 'DELTA SRL');
    expect(empty.containing('LTA', undefined, 20)).toEqual(['x']);
  });
});
