import { type GatewayEnv, ROUTED_SERVICES, serviceUrl } from '../config/gateway.env.js';

interface OpenApiDocument {
  openapi?: string;
  info?: { title?: string; version?: string };
  paths?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
  tags?: Array<{ name: string }>;
}

/**
 * One OpenAPI document for the whole platform: each service's paths under `/api/<service>`, tags prefixed with
 * the service, schemas namespaced to avoid clashes. Built on request, so it always reflects the running services.
 */
export async function aggregateOpenApi(env: GatewayEnv): Promise<OpenApiDocument> {
  const merged: Required<Pick<OpenApiDocument, 'paths' | 'tags'>> & OpenApiDocument = {
    openapi: '3.0.0',
    info: { title: 'Profila API', version: '1' },
    paths: {},
    tags: [],
    components: { schemas: {} },
  };
  const docs = await Promise.all(
    ROUTED_SERVICES.map(async (service) => {
      try {
        const res = await fetch(`${serviceUrl(env, service)}/openapi.json`, { signal: AbortSignal.timeout(3000) });
        return res.ok ? { service, doc: (await res.json()) as OpenApiDocument } : { service, doc: undefined };
      } catch {
        return { service, doc: undefined };
      }
    }),
  );
  for (const { service, doc } of docs) {
    merged.tags.push({ name: service, ...(doc ? {} : { description: 'servizio non raggiungibile' }) });
    if (!doc) continue;
    const prefix = (s: string) => `${service}.${s}`;
    const rewriteRefs = (value: unknown): unknown =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/components\/schemas\/([^"]+)"/g,
          (_m, name: string) => `"#/components/schemas/${prefix(name)}"`,
        ),
      );
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      const ops = rewriteRefs(item) as Record<string, { tags?: string[] }>;
      for (const op of Object.values(ops)) if (op && typeof op === 'object') op.tags = [service, ...(op.tags ?? [])];
      merged.paths[`/api/${service}${path}`] = ops;
    }
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {})) {
      merged.components!.schemas![prefix(name)] = rewriteRefs(schema);
    }
  }
  return merged;
}
