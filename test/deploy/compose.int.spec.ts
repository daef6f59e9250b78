// docker-compose.yml gives every application of nest-cli.json what it needs to run in distributed mode.
// No Docker engine runs here: the file is resolved by scripts/validate-compose.mjs (anchors, merge keys, ${VAR:-x})
// and checked against the apps; the PostgreSQL init script runs for real against the test run's server.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { DEFAULT_PORTS, databaseNameOf, serviceUrlVariable } from '@profila/platform';
import { testServerUrl } from '@profila/testing';
import {
  applicationProjects,
  DEV_ONLY_APPS,
  kindOf,
  repoRoot,
  requiredEnv,
  routedServices,
} from './deploy-requirements.js';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: (string | { target: number; published?: string })[];
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  healthcheck?: { test: string[] | string; disable?: boolean };
  profiles?: string[];
  volumes?: string[];
  entrypoint?: string[];
}
interface Resolved {
  model: { services: Record<string, ComposeService> };
  problems: string[];
}

/** The resolved compose model with every variable at its default (a clean environment, as on a fresh machine). */
function resolveCompose(): { status: number | null; resolved: Resolved } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'scripts/validate-compose.mjs'), '--print'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return { status: r.status, resolved: JSON.parse(r.stdout) as Resolved };
}

const { status, resolved } = resolveCompose();
const services = resolved.model.services;
const apps = [...new Set([...applicationProjects(), ...DEV_ONLY_APPS])];

function service(name: string): ComposeService {
  const svc = services[name];
  if (!svc) throw new Error(`docker-compose.yml has no service "${name}"`);
  return svc;
}
const envOf = (name: string): Record<string, string> => service(name).environment ?? {};
const dependsOn = (name: string) => service(name).depends_on ?? {};
const publishedPorts = (svc: ComposeService) =>
  (svc.ports ?? []).map((p) =>
    typeof p === 'string' ? /^(?:.*:)?(\d+):(\d+)/.exec(p)?.slice(1, 3) : [p.published, `${p.target}`],
  );
const postgresDatabases = () => envOf('postgres-init').PROFILA_DATABASES.split(/\s+/).filter(Boolean);

describe('docker-compose.yml', () => {
  it('passes scripts/validate-compose.mjs', () => {
    expect(resolved.problems).toEqual([]);
    expect(status).toBe(0);
  });

  it('runs the infrastructure of the distributed mode: Kafka in KRaft mode, PostgreSQL, MinIO, Mailpit', () => {
    expect(service('kafka').image).toMatch(/^apache\/kafka:/);
    expect(envOf('kafka').KAFKA_PROCESS_ROLES.split(',').sort()).toEqual(['broker', 'controller']);
    expect(envOf('kafka').KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://kafka:9092');
    expect(service('postgres').image).toMatch(/^postgres:1[78]/);
    expect(service('minio').image).toMatch(/minio\/minio:/);
    expect(service('mailpit').image).toMatch(/^axllent\/mailpit:/);
    for (const name of ['kafka', 'postgres', 'minio', 'mailpit']) expect(service(name).healthcheck?.test).toBeDefined();
  });

  it('publishes only the gateway, Mailpit UI, MinIO (S3 for presigned links, console) and the dev IdP, on loopback', () => {
    const published = Object.entries(services)
      .filter(([, svc]) => (svc.ports ?? []).length > 0)
      .map(([name]) => name)
      .sort();
    expect(published).toEqual(['dev-idp', 'gateway', 'mailpit', 'minio']);
    expect(publishedPorts(service('gateway'))).toEqual([['8080', '8080']]);
    expect(publishedPorts(service('mailpit'))).toEqual([['8025', '8025']]);
    expect(publishedPorts(service('minio'))).toEqual([
      ['9000', '9000'],
      ['9001', '9001'],
    ]);
    for (const name of published) {
      for (const p of service(name).ports ?? []) expect(p).toMatch(/^127\.0\.0\.1:/);
    }
  });

  describe.each(apps)('%s', (app) => {
    const kind = kindOf(app);

    it('is built from this repository with APP set to the app', () => {
      const svc = service(app);
      expect(svc.build?.context).toBe('.');
      expect(svc.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
      expect(svc.build?.args?.APP).toBe(app);
      expect(svc.image).toBe(`profila/${app}:dev`);
    });

    it('sets the whole environment its kind needs', () => {
      const env = envOf(app);
      const missing = requiredEnv(app).filter((key) => !key.split('|').some((k) => env[k]));
      expect(missing).toEqual([]);
      expect(env.HOST).toBe('0.0.0.0');
      expect(env.PORT).toBe(String((DEFAULT_PORTS as Record<string, number>)[app]));
      if (kind !== 'dev-tool') {
        // identity runs in development mode in compose: its SP key pair is generated, its IdP is the dev IdP.
        expect(env.NODE_ENV).toBe(app === 'identity' ? 'development' : 'production');
        expect(env.SERVICE_TOKEN).toBe(envOf('gateway').SERVICE_TOKEN);
      }
      if (kind === 'service') {
        expect(env.EVENT_TRANSPORT).toBe('kafka');
        expect(env.KAFKA_BROKERS).toBe('kafka:9092');
      }
    });

    if (kind === 'service') {
      it('uses its own database, created by the init script, with the PostgreSQL credentials', () => {
        const url = new URL(envOf(app).DATABASE_URL);
        expect(url.protocol).toBe('postgres:');
        expect(url.hostname).toBe('postgres');
        expect(url.port).toBe('5432');
        expect(url.pathname).toBe(`/${databaseNameOf(app)}`);
        expect(decodeURIComponent(url.username)).toBe(envOf('postgres').POSTGRES_USER);
        expect(decodeURIComponent(url.password)).toBe(envOf('postgres').POSTGRES_PASSWORD);
        expect(postgresDatabases()).toContain(databaseNameOf(app));
      });

      it('starts once its database exists and Kafka is healthy', () => {
        expect(dependsOn(app)['postgres-init']?.condition).toBe('service_completed_successfully');
        expect(dependsOn(app).kafka?.condition).toBe('service_healthy');
      });
    }

    it('has a healthcheck on its health endpoint', () => {
      const test = service(app).healthcheck?.test;
      expect(service(app).healthcheck?.disable).not.toBe(true);
      expect([test].flat().join(' ')).toMatch(/\/health\/(live|ready)\b/);
    });
  });

  it('runs the dev IdP only with the `dev` profile, and identity can start without it', () => {
    for (const app of DEV_ONLY_APPS) {
      expect(service(app).profiles).toEqual(['dev']);
      for (const [name, svc] of Object.entries(services)) {
        const dep = svc.depends_on?.[app];
        if (dep && !(svc.profiles ?? []).includes('dev'))
          expect({ name, required: dep.required }).toEqual({ name, required: false });
      }
    }
    const idpMetadata = envOf('identity').IDP_METADATA.replace(/^(spid|cie|cps):(?=https?:)/, '');
    expect(new URL(idpMetadata).host).toBe(`dev-idp:${envOf('dev-idp').PORT}`);
  });

  it("points the gateway at every routed service's container and port, and waits for them", () => {
    const gateway = envOf('gateway');
    for (const app of routedServices()) {
      const url = new URL(gateway[serviceUrlVariable(app)]);
      expect(`${url.protocol}//${url.host}`).toBe(`http://${app}:${envOf(app).PORT}`);
      expect(dependsOn('gateway')[app]?.condition).toBe('service_healthy');
    }
    expect(gateway.PUBLIC_URL).toBe('http://localhost:8080');
    expect(envOf('identity').PUBLIC_URL).toBe(gateway.PUBLIC_URL);
  });

  it('gives document-store the MinIO bucket that minio-init creates', () => {
    const env = envOf('document-store');
    expect(new URL(env.S3_ENDPOINT).host).toBe('minio:9000');
    expect(env.S3_ACCESS_KEY).toBe(envOf('minio').MINIO_ROOT_USER);
    expect(env.S3_SECRET_KEY).toBe(envOf('minio').MINIO_ROOT_PASSWORD);
    expect(env.S3_BUCKET).toBe(envOf('minio-init').S3_BUCKET);
    expect(dependsOn('document-store')['minio-init']?.condition).toBe('service_completed_successfully');
  });

  it("sends notification's mail to Mailpit", () => {
    expect(envOf('notification')).toMatchObject({ SMTP_HOST: 'mailpit', SMTP_PORT: '1025' });
    expect(dependsOn('notification').mailpit?.condition).toBe('service_healthy');
  });
});

describe('deploy/compose/postgres/init-databases.sh', () => {
  const server = new URL(testServerUrl());
  const script = join(repoRoot, 'deploy/compose/postgres/init-databases.sh');
  const prefix = `compose_${randomBytes(4).toString('hex')}`;
  // The compose list, renamed so that this run cannot clash with anything else on the shared test server.
  const databases = postgresDatabases().map((db) => `${prefix}_${db}`);

  function runInit(list: string) {
    return spawnSync('sh', [script], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        PGHOST: server.hostname,
        PGPORT: server.port,
        PGUSER: decodeURIComponent(server.username),
        PGPASSWORD: decodeURIComponent(server.password),
        PROFILA_DATABASES: list,
      },
    });
  }

  async function existing(): Promise<string[]> {
    const client = new pg.Client({ connectionString: testServerUrl() });
    await client.connect();
    try {
      const r = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
        `${prefix}%`,
      ]);
      return r.rows.map((row) => row.datname).sort();
    } finally {
      await client.end();
    }
  }

  afterAll(async () => {
    const client = new pg.Client({ connectionString: testServerUrl() });
    await client.connect();
    for (const db of await existing()) await client.query(`DROP DATABASE IF EXISTS "${db}"`);
    await client.end();
  });

  it('creates one database per service, and a second run changes nothing', async () => {
    const first = runInit(databases.join(' '));
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(await existing()).toEqual([...databases].sort());

    const second = runInit(databases.join('\n'));
    expect(second.status).toBe(0);
    expect(second.stdout).toContain(`${databases[0]} exists`);
    expect(await existing()).toEqual([...databases].sort());
  });

  it('refuses a database name that would need quoting, and an empty list', () => {
    const bad = runInit(`${prefix}_ok ${prefix}_bad";drop`);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('refusing database name');
    expect(runInit('').status).not.toBe(0);
  });
});
