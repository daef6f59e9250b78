import { SERVICE_TOKEN_HEADER } from '@profila/platform';

export interface ServiceAnswer<T> {
  status: number;
  body: T;
}

/** A call to another service with the service credential; throws on network errors and 5xx. */
export async function callService<T>(
  baseUrl: string,
  serviceToken: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<ServiceAnswer<T>> {
  const response = await fetch(new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`), {
    method,
    headers: {
      [SERVICE_TOKEN_HEADER]: serviceToken,
      'x-profila-service': 'raa',
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(5000),
  });
  if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status}`);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}
