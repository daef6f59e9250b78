// `npm run dev:sign -- <file.pdf> <codice fiscale> [--cades]`: signs a downloaded declaration as a test citizen with
// the development CA of the embedded installation (the one `npm start` makes its document-store trust), so that an
// association can be completed without a smart card. PAdES by default (writes <file>.signed.pdf), CAdES with --cades
// (writes <file>.p7m). PROFILA_DATA_DIR as for `npm start` (default .data/). Refuses to run with NODE_ENV=production.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { devCaFiles, devSign } from '@profila/embedded';
import { isValidCodiceFiscalePersona, normalizeCodiceFiscale } from '@profila/italian';

if (process.env.NODE_ENV === 'production') {
  console.error('dev:sign is for the embedded development mode only: it refuses to run with NODE_ENV=production.');
  process.exit(1);
}

const usage = 'usage: npm run dev:sign -- <file.pdf> <codice fiscale> [--cades]';
let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { cades: { type: 'boolean', default: false } } });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const [given, rawCf] = parsed.positionals;
if (!given || !rawCf || parsed.positionals.length > 2) {
  console.error(usage);
  process.exit(2);
}
const codiceFiscale = normalizeCodiceFiscale(rawCf);
if (!isValidCodiceFiscalePersona(codiceFiscale)) {
  console.error(`Codice fiscale non valido: ${rawCf}`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, '../..');
const dataDir = resolve(process.env.PROFILA_DATA_DIR ?? join(root, '.data'));
// npm runs scripts from the repository root: a relative path is the caller's (INIT_CWD).
const file = resolve(process.env.INIT_CWD ?? process.cwd(), given);
const caExisted = existsSync(devCaFiles(dataDir).certificate);
const pdf = new Uint8Array(await readFile(file));
if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') {
  console.error(`${file} is not a PDF (sign the declaration downloaded at Passo 1)`);
  process.exit(2);
}
const format = parsed.values.cades ? 'cades' : 'pades';
const signed = await devSign(dataDir, pdf, codiceFiscale, format);
const out = format === 'cades' ? `${file}.p7m` : file.replace(/\.pdf$/i, '') + '.signed.pdf';
await writeFile(out, signed);
console.log(`${format === 'cades' ? 'CAdES' : 'PAdES'} signature as ${codiceFiscale}: ${out}`);
if (!caExisted) {
  console.log(
    `The development CA ${devCaFiles(dataDir).certificate} was created just now: restart \`npm start\` so that ` +
      'document-store trusts it.',
  );
}
