// The load client of bench/login, in a process of its own so that its CPU is not counted as identity's.
//   node login-client.js <start|acs> <base URL> <job file> <result file>
// start: <count> GET /login (job: {count, concurrency, idp}); acs: POST /saml/acs of the pre-signed Responses
// (job: {concurrency, posts: [{body, cookie}]}, each body the form already encoded). Writes latencies and wall time.
// A light client matters on 2 cores: node:http with keep-alive sockets (fetch costs ≈ 4 times the CPU per request),
// nothing decoded during the measured window (the AuthnRequest ids are read from the redirects afterwards).
import { readFile, writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
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
  posts: Array<{ body: string; cookie: string }>;
}

interface Answer {
  status: number;
  location?: string;
  setCookie?: string[];
}

const url = new URL(base);
const job = JSON.parse(await readFile(jobFile, 'utf8')) as StartJob & AcsJob;
const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });

/** One request on a kept-alive socket; the body is read to its end and dropped. */
function send(method: string, path: string, headers: Record<string, string | number>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          setCookie: res.headers['set-cookie'],
        }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cpuMs = () => {
  const usage = process.cpuUsage(cpu0);
  return (usage.user + usage.system) / 1000;
};
const latencies: number[] = [];
let failures = 0;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
if (mode === 'start') {
  const path = `/login?kind=spid&level=2&idp=${encodeURIComponent(job.idp)}`;
  const answers: Answer[] = [];
  await pool(
    Array.from({ length: job.count }, (_, i) => i),
    job.concurrency,
    async () => {
      const t = performance.now();
      const answer = await send('GET', path, {});
      if (answer.status !== 302) failures++;
      answers.push(answer);
      latencies.push(performance.now() - t);
    },
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuMs();
  // After the window: which AuthnRequest each redirect carries, for the IdP to answer.
  const starts = answers.map((a) => {
    const location = new URL(a.location!);
    const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    return {
      requestId: /ID="([^"]+)"/.exec(xml)![1],
      relayState: location.searchParams.get('RelayState')!,
      cookie: (a.setCookie?.[0] ?? '').split(';')[0],
    };
  });
  await writeFile(resultFile, JSON.stringify({ seconds, latencies, failures, starts, cpuMs: cpu }));
} else {
  await pool(job.posts, job.concurrency, async (p) => {
    const t = performance.now();
    const answer = await send(
      'POST',
      '/saml/acs',
      {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(p.body),
        cookie: p.cookie,
      },
      p.body,
    );
    if (answer.status !== 303 || !answer.setCookie?.length) failures++;
    latencies.push(performance.now() - t);
  });
  const seconds = (performance.now() - t0) / 1000;
  await writeFile(resultFile, JSON.stringify({ seconds, latencies, failures, cpuMs: cpuMs() }));
}
agent.destroy();
