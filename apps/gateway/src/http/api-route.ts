import type { FastifyRequest } from 'fastify';

/**
 * Which requests are API requests, decided on the route the router matched (it decodes the path), never on the raw
 * URL: `/%61pi/identity/me` is routed to identity's proxy, so it gets exactly what `/api/identity/me` gets.
 */
export function isApiRoute(req: FastifyRequest): boolean {
  const route = req.routeOptions.url;
  return route === '/api' || route?.startsWith('/api/') === true;
}

/** The decoded path as routed: the route's pattern with its wildcard filled in (`/api/identity/saml/acs`). */
export function routedPath(req: FastifyRequest): string | undefined {
  const route = req.routeOptions.url;
  if (route === undefined) return undefined;
  if (!route.endsWith('*')) return route;
  const rest = (req.params as Record<string, string | undefined> | undefined)?.['*'] ?? '';
  return route.slice(0, -1) + rest;
}

/**
 * The path as a lenient reader might understand it: percent-decoded (repeatedly), backslashes and repeated slashes
 * folded, dot segments resolved, lower case. Used only to refuse what looks like the API but is not routed as it.
 */
export function lenientPath(rawUrl: string): string {
  let path = rawUrl.split(/[?#]/, 1)[0];
  for (let i = 0; i < 4; i++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      break;
    }
    if (decoded === path) break;
    path = decoded;
  }
  const segments: string[] = [];
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`.toLowerCase();
}

/** `//api/…`, `/API/…`, `/%2561pi/…`, `/x/../api/…`: looks like the API, is not routed as the API. */
export function looksLikeApi(rawUrl: string): boolean {
  const path = lenientPath(rawUrl);
  return path === '/api' || path.startsWith('/api/');
}
