// The development CA of an embedded installation and `npm run dev:sign`: one CA per data directory, its key readable
// by its owner only, signatures whose certificate carries the citizen's codice fiscale, and never in production.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import { PDFDocument } from 'pdf-lib';
import * as pkijs from 'pkijs';
import { devCaFiles, devSign, EmbeddedPlatform, loadOrCreateDevCa } from '@profila/embedded';

const CF = 'RSSMRA80A01H501U';

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return doc.save();
}

describe('development CA', () => {
  it('is created once per data directory, key mode 0600, and reused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-dev-ca-'));
    const first = loadOrCreateDevCa(dataDir);
    const files = devCaFiles(dataDir);
    expect((await stat(files.key)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dataDir, 'dev-ca'))).mode & 0o777).toBe(0o700);
    const again = loadOrCreateDevCa(dataDir);
    expect(again.pem).toBe(first.pem);
    expect(new X509Certificate(await readFile(files.certificate, 'utf8')).subject).toContain('solo modalità embedded');
  });

  it('signs as the citizen: CAdES envelope whose signer certificate carries TINIT-<CF>, issued by the dev CA', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-dev-ca-'));
    const p7m = await devSign(dataDir, await blankPdf(), CF, 'cades');
    const content = pkijs.ContentInfo.fromBER(new Uint8Array(p7m));
    const signed = new pkijs.SignedData({ schema: content.content as asn1js.Sequence });
    const signer = new X509Certificate(Buffer.from((signed.certificates![0] as pkijs.Certificate).toSchema().toBER()));
    expect(signer.subject).toContain(`serialNumber=TINIT-${CF}`);
    expect(signer.subject).toContain('GN=MARIO');
    expect(signer.verify(new X509Certificate(await readFile(devCaFiles(dataDir).certificate, 'utf8')).publicKey)).toBe(
      true,
    );
  });

  it('the embedded platform gives document-store, and only it, the dev CA as TRUST_LIST_FILE (an explicit one wins)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-dev-ca-'));
    const platform = new EmbeddedPlatform({ rootDir: process.cwd(), dataDir });
    expect(platform.envFor('document-store').TRUST_LIST_FILE).toBe(devCaFiles(dataDir).certificate);
    expect(platform.envFor('registry').TRUST_LIST_FILE).toBeUndefined();
    const explicit = new EmbeddedPlatform({
      rootDir: process.cwd(),
      dataDir,
      env: { TRUST_LIST_FILE: '/etc/tsl.xml' },
    });
    expect(explicit.envFor('document-store').TRUST_LIST_FILE).toBe('/etc/tsl.xml');
    const without = new EmbeddedPlatform({ rootDir: process.cwd(), dataDir, devCa: false });
    expect(without.envFor('document-store').TRUST_LIST_FILE).toBeUndefined();
  });

  it('refuses with NODE_ENV=production, and so does npm run dev:sign', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'profila-dev-ca-'));
    const saved = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => loadOrCreateDevCa(dataDir)).toThrow(/embedded mode only/);
    } finally {
      process.env.NODE_ENV = saved;
    }
    const pdf = join(dataDir, 'x.pdf');
    await writeFile(pdf, await blankPdf());
    let failure: { status: number; stderr: string } | undefined;
    try {
      execFileSync(process.execPath, [join(process.cwd(), 'dist/scripts/dev-sign.js'), pdf, CF], {
        env: { ...process.env, NODE_ENV: 'production', PROFILA_DATA_DIR: dataDir },
        stdio: 'pipe',
      });
    } catch (error) {
      const e = error as { status: number; stderr: Buffer };
      failure = { status: e.status, stderr: e.stderr.toString() };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toContain('refuses to run with NODE_ENV=production');
    await expect(stat(devCaFiles(dataDir).key)).rejects.toThrow(); // nothing was created
  });
});
