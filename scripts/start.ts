// `npm start`: the whole platform on embedded defaults, from one command, no Docker.
import { join, resolve } from 'node:path';
import { EmbeddedPlatform } from '@profila/testing';

const root = resolve(import.meta.dirname, '../..');
const started = Date.now();
const platform = new EmbeddedPlatform({
  rootDir: root,
  dataDir: resolve(process.env.PROFILA_DATA_DIR ?? join(root, '.data')),
  persistent: true,
  autoRestart: true,
  onStatus: (line) => console.log(`  ${line}`),
});

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
${platform.withDevIdp ? `  Dev IdP (prova)    http://127.0.0.1:${platform.ports['dev-idp']}/\n` : ''}  Logs               ${join(process.env.PROFILA_DATA_DIR ?? '.data', 'logs')}/
Press Ctrl-C to stop.`);
