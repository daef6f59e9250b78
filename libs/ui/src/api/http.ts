// Calls to the back end through the gateway (same origin): the session cookie is HTTP-only and travels by itself,
// the CSRF token is copied from its readable cookie into a header on every state-changing request (ADR 0008).
// Error answers have one shape across the services: `{code, message, details?: {fields: {<path>: <Italian message>}}}`
// (VALIDATION_FAILED carries the per-field messages the form fields show).
import { CSRF_COOKIE, CSRF_HEADER } from './session-names';

export { CSRF_COOKIE, CSRF_HEADER };

/** Field name → Italian message, as the services put them in `details.fields` of a 400 answer. */
export type FieldErrors = Record<string, string>;

/** A failed call, with what the page needs to tell the user. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** No session, or the session ended (idle or absolute timeout, logout from the identity provider). */
  get unauthenticated(): boolean {
    return this.status === 401;
  }
}

/** The Italian message of a failed call (the API's own, or a fallback), for an alert. */
export function messageOf(error: unknown, fallback = 'Operazione non riuscita: riprova.'): string {
  return error instanceof ApiError ? error.message : fallback;
}

/** The per-field Italian messages of a failed call (VALIDATION_FAILED `details.fields`), or none. */
export function fieldsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors : {};
}

export function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/** Whether the browser holds a session's readable companion cookie: worth asking who we are. */
export function hasSessionHint(): boolean {
  return readCookie(CSRF_COOKIE) !== undefined;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'I dati inviati non sono validi.',
  401: 'Sessione scaduta o accesso non effettuato.',
  403: 'Operazione non consentita.',
  404: 'Risorsa non trovata.',
  409: "L'operazione è in conflitto con lo stato attuale dei dati.",
  429: 'Troppe richieste: riprova tra qualche istante.',
};

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  details?: { fields?: unknown };
}

function fieldErrorsOf(body: ErrorBody | undefined): FieldErrors {
  const fields = body?.details?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(
    Object.entries(fields as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** JSON request to `/api/...`; resolves with the parsed body, rejects with an {@link ApiError}. */
export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', 'Il servizio non è raggiungibile: controlla la connessione e riprova.');
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (response.ok) return parsed as T;
  const error = parsed as ErrorBody | undefined;
  const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : (FALLBACK_MESSAGES[response.status] ?? 'Si è verificato un errore imprevisto. Riprova più tardi.');
  throw new ApiError(response.status, code, message, fieldErrorsOf(error));
}
