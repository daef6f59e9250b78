import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { GatewayEnv } from '../config/gateway.env.js';

/**
 * Serves the built web portal at `/` and the back office at `/backoffice/`, with the SPA fallback to index.html
 * for client routes, and the Swagger UI assets for `/api/docs`.
 */
export async function registerUis(app: FastifyInstance, env: GatewayEnv): Promise<void> {
  const swaggerUi = createRequire(import.meta.url)
    .resolve('swagger-ui-dist/package.json')
    .replace(/package\.json$/, '');
  await app.register(fastifyStatic, {
    root: swaggerUi,
    prefix: '/api/docs/assets/',
    decorateReply: false,
    index: false,
  });

  const uis = [
    { prefix: '/backoffice/', root: resolve(env.BACKOFFICE_DIST) },
    { prefix: '/', root: resolve(env.WEB_DIST) },
  ];
  for (const ui of uis) {
    if (!existsSync(join(ui.root, 'index.html'))) {
      app.log.warn(`UI not built: ${ui.root} (run npm run build:ui)`);
      continue;
    }
    const index = await readFile(join(ui.root, 'index.html'));
    const sendIndex = (reply: FastifyReply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(index);
    await app.register(fastifyStatic, {
      root: ui.root,
      prefix: ui.prefix,
      decorateReply: false,
      wildcard: false,
      index: false,
      maxAge: '1h',
    });
    app.get(ui.prefix, (_req, reply) => sendIndex(reply));
    if (ui.prefix !== '/') app.get(ui.prefix.slice(0, -1), (_req, reply) => reply.redirect(ui.prefix, 301));
    // Client-side routes (e.g. /area-riservata/anagrafica) get the app shell; a missing asset is a real 404.
    app.get(`${ui.prefix}*`, (req, reply) =>
      /\.[a-z0-9]{1,5}$/i.test(req.url.split('?')[0])
        ? reply.code(404).type('text/plain; charset=utf-8').send('Risorsa non trovata')
        : sendIndex(reply),
    );
  }
}
