// SPID Response verification alone, on one core (no HTTP, no database): the one-pass SpidResponseValidator against
// the previous node-saml one, over the same pre-signed Responses (Response and Assertion both signed).
//   node dist/bench/login/verify.bench.js [--responses 400]
import { parseArgs } from 'node:util';
import { createSelfSignedCredentials, TestSamlIdp } from '@profila/testing';
import type * as Saml from '../../apps/identity/src/saml/index.js';
import type * as Legacy from '../../apps/identity/src/saml/legacy-node-saml-validator.js';

const { values } = parseArgs({ options: { responses: { type: 'string', default: '400' } } });
const N = Number(values.responses);
const appModule = (path: string) => new URL(`../../apps/identity/${path}`, import.meta.url).href;
const saml = (await import(appModule('saml/index.js'))) as typeof Saml;
const { NodeSamlResponseValidator } = (await import(appModule('saml/legacy-node-saml-validator.js'))) as typeof Legacy;

const sp = {
  entityId: 'https://sp.bench.example/saml/metadata',
  acsUrl: 'https://sp.bench.example/saml/acs',
  sloUrl: 'https://sp.bench.example/saml/slo',
  credentials: createSelfSignedCredentials({ commonName: 'bench SP' }),
};
const idp = new TestSamlIdp({ entityId: 'https://idp.bench.example' });
const registry = saml.IdpRegistry.of(saml.parseIdpMetadata(idp.metadata(), { kind: 'spid' }));

async function run(
  name: string,
  make: (store: Saml.AuthnRequestStore) => { validate(p: Saml.AcsPost): Promise<unknown> },
) {
  const store = new saml.InMemoryAuthnRequestStore();
  const posts: Saml.AcsPost[] = [];
  for (let i = 0; i < N; i++) {
    const id = `_bench${i}${Math.random().toString(16).slice(2)}`;
    const issuedAt = new Date(Date.now() - 1000);
    await store.save(id, { idp: idp.entityId, level: 'L2', issuedAt, expiresAt: new Date(Date.now() + 600_000) });
    posts.push({ SAMLResponse: idp.encodedResponse({ inResponseTo: id, acsUrl: sp.acsUrl, spEntityId: sp.entityId }) });
  }
  const validator = make(store);
  const warm = Math.min(50, N / 4);
  for (let i = 0; i < warm; i++) await validator.validate(posts[i]);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = warm; i < N; i++) await validator.validate(posts[i]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const count = N - warm;
  console.log(
    `${name}: ${(count / seconds).toFixed(0)} Responses/s, ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms CPU each`,
  );
}

await run(
  'one-pass (SpidResponseValidator)',
  (requests) => new saml.SpidResponseValidator({ sp, idps: registry, requests }),
);
await run(
  'node-saml (previous validator)',
  (requests) => new NodeSamlResponseValidator({ sp, idps: registry, requests }),
);
