// npm run migrate:sample -- --out <dir> [--companies N] [--staff N] [--raa N] [--seed N]
import { parseArgs } from 'node:util';
import { ItalianPlaces } from '#registry/legacy-import';
import { generateSample } from './sample-generator.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'legacy-sample' },
    companies: { type: 'string', default: '1000' },
    staff: { type: 'string', default: '50' },
    raa: { type: 'string', default: '50' },
    seed: { type: 'string' },
  },
});
const places = await ItalianPlaces.load();
const summary = await generateSample(values.out, places, {
  companies: Number(values.companies),
  staff: Number(values.staff),
  raa: Number(values.raa),
  seed: values.seed ? Number(values.seed) : undefined,
});
process.stdout.write(
  `${summary.rows} righe (${summary.badRows} errate di proposito) in ${summary.files.join(', ')}\n` +
    `Password di prova:\n${summary.passwords.map((p) => `  ${p.username} (${p.scheme}): ${p.password}`).join('\n')}\n`,
);
