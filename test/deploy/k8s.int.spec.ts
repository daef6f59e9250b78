// The k8s/ manifests run every production application of nest-cli.json: Deployment, Service, HPA and PDB each,
// wired to each other and to the ConfigMap / Secret keys the app reads. No cluster runs here: the manifests are
// parsed and cross-checked the way the API server and the controllers would resolve them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_PORTS, databaseNameOf, serviceUrlVariable } from '@profila/platform';
import {
  DEV_ONLY_APPS,
  kindOf,
  productionApps,
  readinessPath,
  repoRoot,
  requiredEnv,
  routedServices,
} from './deploy-requirements.js';

// Just the fields these tests read; the YAML is otherwise untyped.
interface Metadata {
  name: string;
  labels?: Record<string, string>;
}
interface SecretKeyRef {
  name: string;
  key: string;
  optional?: boolean;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: SecretKeyRef; configMapKeyRef?: { name: string; key: string } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: {
    allowPrivilegeEscalation?: boolean;
    readOnlyRootFilesystem?: boolean;
    capabilities?: { drop?: string[] };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodTemplate {
  metadata: Metadata;
  spec: {
    containers: Container[];
    securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type: string } };
    volumes?: { name: string; emptyDir?: object }[];
  };
}
interface ServicePort {
  name?: string;
  port: number;
  targetPort?: string | number;
}
interface IngressRule {
  host: string;
  http: { paths: { path: string; backend: { service: { name: string; port: { name?: string; number?: number } } } }[] };
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    replicas?: number;
    /** A Service's selector is a label map; a Deployment's and a PDB's hold matchLabels. */
    selector?: Record<string, string | Record<string, string>>;
    strategy?: { rollingUpdate?: { maxUnavailable?: number | string } };
    template?: PodTemplate;
    ports?: ServicePort[];
    scaleTargetRef?: { apiVersion: string; kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { type: string; resource?: { name: string } }[];
    minAvailable?: number | string;
    rules?: IngressRule[];
    tls?: { hosts: string[]; secretName: string }[];
  };
}
interface Kustomization {
  namespace?: string;
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

const k8sDir = join(repoRoot, 'k8s');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(entry) ? [full] : [];
  });
}

const parseErrors: string[] = [];
const byFile = new Map<string, unknown[]>();
for (const file of yamlFiles(k8sDir)) {
  const values: unknown[] = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true })) {
    for (const e of doc.errors) parseErrors.push(`${relative(repoRoot, file)}: ${e.message}`);
    const value: unknown = doc.toJS();
    if (value) values.push(value);
  }
  byFile.set(relative(k8sDir, file), values);
}
const kustomization = (byFile.get('kustomization.yaml')?.[0] ?? {}) as Kustomization;
const resources = [...byFile.entries()]
  .filter(([file]) => file !== 'kustomization.yaml')
  .flatMap(([, docs]) => docs as Manifest[]);

function get(kind: string, name: string): Manifest {
  const r = resources.find((m) => m.kind === kind && m.metadata?.name === name);
  if (!r) throw new Error(`k8s/ has no ${kind} "${name}"`);
  return r;
}
function matchLabels(m: Manifest): Record<string, string> {
  const selector = m.spec?.selector ?? {};
  return (selector.matchLabels ?? selector) as Record<string, string>;
}
const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

const configData = (): Record<string, string> => get('ConfigMap', 'profila-config').data ?? {};
const secretData = (): Record<string, string> => {
  const s = get('Secret', 'profila-secrets');
  return { ...(s.stringData ?? {}), ...(s.data ?? {}) };
};

type EnvSource = string | SecretKeyRef;

/** Environment a container ends up with: each name with its value, or the Secret key it comes from. */
function containerEnv(container: Container): Map<string, EnvSource> {
  const env = new Map<string, EnvSource>();
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) {
      for (const [k, v] of Object.entries(get('ConfigMap', from.configMapRef.name).data ?? {})) env.set(k, String(v));
    }
    if (from.secretRef) {
      const secret = get('Secret', from.secretRef.name);
      for (const k of Object.keys({ ...(secret.stringData ?? {}), ...(secret.data ?? {}) })) {
        env.set(k, { name: from.secretRef.name, key: k });
      }
    }
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env.set(e.name, e.value);
    else if (e.valueFrom?.secretKeyRef) env.set(e.name, e.valueFrom.secretKeyRef);
    else if (e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.configMapKeyRef;
      env.set(e.name, String(get('ConfigMap', ref.name).data?.[ref.key]));
    }
  }
  return env;
}

describe('k8s/', () => {
  it('parses, and every manifest has apiVersion, kind and name', () => {
    expect(parseErrors).toEqual([]);
    const incomplete = resources.filter((r) => !r.apiVersion || !r.kind || !r.metadata?.name);
    expect(incomplete).toEqual([]);
    const keys = resources.map((r) => `${r.kind}/${r.metadata.name}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('lists every manifest file in kustomization.yaml, into one namespace', () => {
    const listed = [...(kustomization.resources ?? [])].sort();
    const files = [...byFile.keys()].filter((f) => f !== 'kustomization.yaml').sort();
    expect(listed).toEqual(files);
    expect(kustomization.namespace).toBe('profila');
    expect(get('Namespace', 'profila').metadata.labels?.['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it('never deploys the dev IdP', () => {
    for (const app of DEV_ONLY_APPS) {
      expect(resources.filter((r) => r.metadata.name === app)).toEqual([]);
    }
    expect(configData().DEV_IDP_ENABLED).toBe('false');
  });

  it('configures the kafka transport and marks every secret value as an example to replace', () => {
    expect(configData()).toMatchObject({ NODE_ENV: 'production', HOST: '0.0.0.0', EVENT_TRANSPORT: 'kafka' });
    expect(
      configData()
        .KAFKA_BROKERS.split(',')
        .every((b) => /^[a-z0-9.-]+:\d+$/.test(b)),
    ).toBe(true);
    for (const [key, value] of Object.entries(secretData())) expect(`${key}=${value}`).toContain('REPLACE');
  });

  describe.each(productionApps())('%s', (app) => {
    const deployment = () => get('Deployment', app);
    const pod = (): PodTemplate => {
      const template = deployment().spec?.template;
      if (!template) throw new Error(`Deployment ${app} has no pod template`);
      return template;
    };
    const container = (): Container => pod().spec.containers.find((c) => c.name === app) ?? pod().spec.containers[0];
    const podLabels = () => pod().metadata.labels ?? {};
    const port = () => (DEFAULT_PORTS as Record<string, number>)[app];

    it('has a Deployment of at least 2 replicas whose selector matches its pods', () => {
      expect(deployment().apiVersion).toBe('apps/v1');
      expect(deployment().spec?.replicas).toBeGreaterThanOrEqual(2);
      expect(selects(matchLabels(deployment()), podLabels())).toBe(true);
      expect(deployment().spec?.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    });

    it('runs the image built for the app, with a pinned tag', () => {
      expect(container().image).toBe(`profila/${app}`);
      const image = kustomization.images?.find((i) => i.name === `profila/${app}`);
      expect(image?.newTag).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('listens on its port and probes its liveness and readiness there', () => {
      expect(container().ports).toContainEqual(expect.objectContaining({ name: 'http', containerPort: port() }));
      expect(containerEnv(container()).get('PORT')).toBe(String(port()));
      expect(container().readinessProbe?.httpGet).toEqual({ path: readinessPath(app), port: 'http' });
      expect(container().livenessProbe?.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(container().startupProbe?.httpGet?.path).toBe('/health/live');
    });

    it('runs as non-root, without privileges, on a read-only root filesystem with a writable /tmp', () => {
      const podSec = pod().spec.securityContext;
      const sec = container().securityContext;
      expect(podSec?.runAsNonRoot).toBe(true);
      expect(podSec?.runAsUser).toBeGreaterThan(0);
      expect(podSec?.seccompProfile?.type).toBe('RuntimeDefault');
      expect(sec).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(sec?.capabilities?.drop).toEqual(['ALL']);
      const tmp = container().volumeMounts?.find((m) => m.mountPath === '/tmp');
      expect(pod().spec.volumes?.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    });

    it('requests CPU and memory, and limits memory', () => {
      const resources = container().resources;
      expect(resources?.requests?.cpu).toBeDefined();
      expect(resources?.requests?.memory).toBeDefined();
      expect(resources?.limits?.memory).toBeDefined();
    });

    it('gets the whole environment its kind needs from the ConfigMap and the Secret', () => {
      const env = containerEnv(container());
      expect(requiredEnv(app).filter((key) => !key.split('|').some((k) => env.has(k)))).toEqual([]);
      const unresolved = [...env]
        .filter(([, source]) => typeof source !== 'string' && !source.optional)
        .map(([name, source]) => ({ name, ref: source as SecretKeyRef }))
        .filter(({ ref }) => ref.name !== 'profila-secrets' || !(ref.key in secretData()));
      expect(unresolved).toEqual([]);
      if (kindOf(app) === 'service') {
        const db = env.get('DATABASE_URL');
        expect(typeof db).toBe('object');
        const url = new URL(secretData()[(db as SecretKeyRef).key]);
        expect(url.pathname).toBe(`/${databaseNameOf(app)}`);
      }
    });

    it('has a Service that reaches the pods on the same port', () => {
      const svc = get('Service', app);
      expect(selects(matchLabels(svc), podLabels())).toBe(true);
      expect(svc.spec?.ports).toContainEqual(expect.objectContaining({ port: port(), targetPort: 'http' }));
    });

    it('has a CPU HorizontalPodAutoscaler on its Deployment, never below 2 replicas', () => {
      const hpa = get('HorizontalPodAutoscaler', app);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec?.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });
      expect(hpa.spec?.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec?.maxReplicas).toBeGreaterThan(hpa.spec?.minReplicas ?? Infinity);
      expect(hpa.spec?.metrics).toContainEqual(
        expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) }),
      );
    });

    it('has a PodDisruptionBudget keeping at least one pod', () => {
      const pdb = get('PodDisruptionBudget', app);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec?.minAvailable).toBe(1);
      expect(selects(matchLabels(pdb), podLabels())).toBe(true);
    });
  });

  it("points the gateway at every routed service's Service and port", () => {
    const config = configData();
    for (const app of routedServices()) {
      const url = new URL(config[serviceUrlVariable(app)]);
      expect(url.hostname).toBe(app);
      expect((get('Service', app).spec?.ports ?? []).map((p) => String(p.port))).toContain(url.port);
    }
  });

  it('exposes only the gateway through the Ingress, over TLS', () => {
    const ingresses = resources.filter((r) => r.kind === 'Ingress');
    const rules = ingresses.flatMap((i) => i.spec?.rules ?? []);
    const backends = rules.flatMap((rule) => rule.http.paths.map((p) => p.backend.service));
    expect(backends.map((b) => b.name)).toEqual(['gateway']);
    const gatewayPorts = (get('Service', 'gateway').spec?.ports ?? []).map((p) => p.name);
    expect(gatewayPorts).toContain(backends[0].port.name);
    const hosts = rules.map((rule) => rule.host);
    expect(ingresses.flatMap((i) => (i.spec?.tls ?? []).flatMap((t) => t.hosts))).toEqual(hosts);
    expect(configData().PUBLIC_URL).toBe(`https://${hosts[0]}`);
  });
});
