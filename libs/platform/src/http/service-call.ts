import { SERVICE_CALLER_HEADER, SERVICE_TOKEN_HEADER } from '../auth/token-verifier.js';

export interface ServiceAnswer<T> {
  status: number;
  body: T;
}

/** A JSON call to another service with the service credential; throws on network errors, timeouts (5 s) and 5xx. */
export type ServiceCall = <T>(
  baseUrl: string,
  serviceToken: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ServiceAnswer<T>>;

/** The {@link ServiceCall} of the service named `caller`. */
export function serviceCaller(caller: string): ServiceCall {
  return async <T>(
    baseUrl: string,
    serviceToken: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ServiceAnswer<T>> => {
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    const response = await fetch(new URL(path.replace(/^\//, ''), base), {
      method,
      headers: {
        [SERVICE_TOKEN_HEADER]: serviceToken,
        [SERVICE_CALLER_HEADER]: caller,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(5000),
    });
    if (response.status >= 500) throw new Error(`${method} ${path}: ${response.status}`);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
}
