// The load client of bench/login, in a process of its own so that its CPU is not counted as identity's.
//   node login-client.js <start|acs> <base URL> <job file> <result file>
// start: <count> GET /login (job: {count, concurrency, idp}); acs: POST /saml/acs of the pre-signed Responses
// (job: {concurrency, responses: [{SAMLResponse, relayState}], loginCookies}). Writes latencies and wall time.
import { readFile, writeFile } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';

const [mode, base, jobFile, resultFile] = process.argv.slice(2);

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

interface StartJob {
  count: number;
  concurrency: number;
  idp: string;
}
interface AcsJob {
  concurrency: number;
  responses: Array<{ SAMLResponse: string; relayState: string; cookie: string }>;
}

const cpuMs = () => {
  const usage = process.cpuUsage(cpu0);
  return (usage.user + usage.system) / 1000;
};
const latencies: number[] = [];
let failures = 0;
const job = JSON.parse(await readFile(jobFile, 'utf8')) as StartJob & AcsJob;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
if (mode === 'start') {
  const starts: Array<{ requestId: string; relayState: string; cookie: string }> = [];
  await pool(
    Array.from({ length: job.count }, (_, i) => i),
    job.concurrency,
    async () => {
      const t = performance.now();
      const res = await fetch(`${base}/login?kind=spid&level=2&idp=${encodeURIComponent(job.idp)}`, {
        redirect: 'manual',
      });
      await res.arrayBuffer();
      const location = new URL(res.headers.get('location')!);
      const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      starts.push({
        requestId: /ID="([^"]+)"/.exec(xml)![1],
        relayState: location.searchParams.get('RelayState')!,
        cookie,
      });
      latencies.push(performance.now() - t);
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  await writeFile(resultFile, JSON.stringify({ seconds, latencies, failures, starts, cpuMs: cpuMs() }));
} else {
  await pool(job.responses, job.concurrency, async (r) => {
    const t = performance.now();
    const res = await fetch(`${base}/saml/acs`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: r.cookie },
      body: new URLSearchParams({ SAMLResponse: r.SAMLResponse, RelayState: r.relayState }).toString(),
      redirect: 'manual',
    });
    await res.arrayBuffer();
    if (res.status !== 303 || !res.headers.get('set-cookie')) failures++;
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - t0) / 1000;
  await writeFile(resultFile, JSON.stringify({ seconds, latencies, failures, cpuMs: cpuMs() }));
}
