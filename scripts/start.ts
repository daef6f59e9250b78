// `npm start`: the whole platform on embedded defaults, from one command, no Docker.
//   PROFILA_DATA_DIR   where PostgreSQL, objects, keys and logs live (default .data/)
//   PROFILA_PORT_BASE  put the platform on consecutive ports from this one (default: 8080, 5433, 9000, 1025, 8025…)
//   WEB_DIST, BACKOFFICE_DIST  built UIs the gateway serves (default apps/web/dist, apps/backoffice/dist)
// It refuses to start (exit 1) when something it would serve is not built.
import { join, relative, resolve } from 'node:path';
import { EmbeddedPlatform, type PlatformPorts, portsFromEnv } from '@profila/embedded';

const root = resolve(import.meta.dirname, '../..');
const started = Date.now();
const dataDir = resolve(process.env.PROFILA_DATA_DIR ?? join(root, '.data'));
const shown = (path: string) => (path.startsWith(root) ? relative(process.cwd(), path) || '.' : path);

let ports: PlatformPorts;
try {
  ports = portsFromEnv(process.env);
} catch (error) {
  console.error(`Profila cannot start: ${(error as Error).message}`);
  process.exit(1);
}

const platform = new EmbeddedPlatform({
  rootDir: root,
  dataDir,
  ports,
  persistent: true,
  autoRestart: true,
  devIdp: true,
  // The sample back-office structures (Provincia di Trento, di Como, Regione Lombardia and their CPI), so that the
  // super-operator can assign operators by hand; the test platforms create their own.
  env: { SAMPLE_STRUCTURES: 'true' },
  webDist: process.env.WEB_DIST ? resolve(process.env.WEB_DIST) : undefined,
  backofficeDist: process.env.BACKOFFICE_DIST ? resolve(process.env.BACKOFFICE_DIST) : undefined,
  onStatus: (line) => console.log(`  ${line}`),
});

const missing = platform.missingArtifacts({ uis: true, devIdp: true });
if (missing.length > 0) {
  console.error(`Profila cannot start: what it serves is not built.
  ${missing.join('\n  ')}
Build everything with \`npm start\` (or: node scripts/build.mjs && npm run build:ui).`);
  process.exit(1);
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping Profila...`);
  await platform.stop();
  console.log('Profila stopped.');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

console.log('Starting Profila (embedded mode)...');
try {
  await platform.start();
} catch (error) {
  console.error(`Start-up failed: ${(error as Error).message}`);
  await platform.stop().catch(() => undefined);
  process.exit(1);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
Profila is up in ${seconds} s.
  Portale web        ${platform.gatewayUrl}/
  Back office        ${platform.gatewayUrl}/backoffice/
  API docs           ${platform.gatewayUrl}/api/docs
  Health             ${platform.gatewayUrl}/health
  Posta (catcher)    http://127.0.0.1:${platform.ports.mailHttp}/
${platform.withDevIdp ? `  Dev IdP (prova)    http://127.0.0.1:${platform.ports['dev-idp']}/\n` : ''}  S3 (documenti)     ${platform.s3.endpoint}  SigV4, chiavi in ${shown(platform.s3CredentialsFile)}
  Logs               ${shown(join(dataDir, 'logs'))}/
Press Ctrl-C to stop.`);
