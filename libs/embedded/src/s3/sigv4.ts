import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * AWS Signature Version 4 verification for the embedded S3 endpoint: the `Authorization` header form and the
 * presigned-URL form (query string), as S3 computes them (path segments encoded once, no dot-segment removal).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 */

export interface S3Credentials {
  accessKey: string;
  secretKey: string;
}

/** A refusal in S3's own terms: the HTTP status and the `<Code>` of the XML error body. */
export interface S3Refusal {
  status: number;
  code: string;
  message: string;
}

export interface SignedRequest {
  method: string;
  /** The request target as received (`req.url`): raw path and raw query. */
  url: string;
  /** Header values by lower-case name, repeated headers as arrays (`req.headersDistinct`). */
  headers: Record<string, string[] | undefined>;
}

export interface VerifiedRequest {
  mechanism: 'header' | 'query';
  /** The payload hash the signature covers: a hex SHA-256 the body must match, or UNSIGNED-PAYLOAD. */
  payloadHash: string;
  /** The query string without the presigning parameters (what the storage behind the front should see). */
  forwardQuery: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
/** How far a request's date may be from the server clock (S3: 15 minutes). */
const MAX_SKEW_MS = 15 * 60 * 1000;
/** Longest validity of a presigned URL (S3: 7 days). */
const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;
const PRESIGN_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
]);

const refuse = (status: number, code: string, message: string): S3Refusal => ({ status, code, message });
const accessDenied = (message: string) => refuse(403, 'AccessDenied', message);

/** Percent-encoding of SigV4: everything but A-Z a-z 0-9 - _ . ~, upper-case hex. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

interface QueryParam {
  raw: string;
  name: string;
  value: string;
}

function parseQuery(rawQuery: string): QueryParam[] {
  if (!rawQuery) return [];
  return rawQuery
    .split('&')
    .filter((raw) => raw.length > 0)
    .map((raw) => {
      const eq = raw.indexOf('=');
      const name = eq < 0 ? raw : raw.slice(0, eq);
      const value = eq < 0 ? '' : raw.slice(eq + 1);
      return { raw, name: decodeURIComponent(name), value: decodeURIComponent(value) };
    });
}

function canonicalUri(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

function canonicalQuery(params: QueryParam[]): string {
  return params
    .map((p) => [uriEncode(p.name), uriEncode(p.value)] as const)
    .sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([n, v]) => `${n}=${v}`)
    .join('&');
}

function canonicalHeaderValue(values: string[]): string {
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `20250101T120000Z` → Date (undefined when malformed). */
function parseAmzDate(value: string | undefined): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

interface Parsed {
  credential: string;
  signedHeaders: string;
  signature: string;
  amzDate: string;
}

/**
 * Verifies a request's SigV4 signature against the one key pair of the endpoint and the region it serves.
 * Returns what the signature covers, or the refusal S3 would answer.
 */
export function verifySigV4(
  request: SignedRequest,
  credentials: S3Credentials,
  region: string,
  now: Date = new Date(),
): VerifiedRequest | S3Refusal {
  const q = request.url.indexOf('?');
  const rawPath = q < 0 ? request.url : request.url.slice(0, q);
  const rawQuery = q < 0 ? '' : request.url.slice(q + 1);
  let params: QueryParam[];
  let uri: string;
  try {
    params = parseQuery(rawQuery);
    uri = canonicalUri(rawPath);
  } catch {
    return refuse(400, 'InvalidURI', 'Couldn’t parse the specified URI.');
  }
  const header = (name: string) => request.headers[name];
  const single = (name: string) => header(name)?.[0];
  const queryValue = (name: string) => params.find((p) => p.name === name)?.value;

  const authorization = header('authorization');
  const presigned = params.some((p) => p.name === 'X-Amz-Algorithm');
  if (authorization && presigned) {
    return refuse(400, 'InvalidArgument', 'Only one auth mechanism allowed.');
  }
  if (!authorization && !presigned) {
    return accessDenied('Anonymous access is not allowed: sign the request (AWS Signature Version 4).');
  }

  let parsed: Parsed;
  let payloadHash: string;
  if (authorization) {
    if (authorization.length !== 1) return accessDenied('One Authorization header is allowed.');
    const value = authorization[0];
    if (!value.startsWith(`${ALGORITHM} `)) {
      return refuse(400, 'InvalidArgument', `Unsupported Authorization type: only ${ALGORITHM} is accepted.`);
    }
    const fields = new Map(
      value
        .slice(ALGORITHM.length + 1)
        .split(',')
        .map((part) => part.trim())
        .map((part) => {
          const eq = part.indexOf('=');
          return [eq < 0 ? part : part.slice(0, eq), eq < 0 ? '' : part.slice(eq + 1)] as const;
        }),
    );
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    if (fields.size !== 3 || !credential || !signedHeaders || !signature) {
      return refuse(
        400,
        'AuthorizationHeaderMalformed',
        'The authorization header requires Credential, SignedHeaders and Signature.',
      );
    }
    const amzDate = single('x-amz-date');
    if (!amzDate) return accessDenied('AWS authentication requires a valid x-amz-date header.');
    parsed = { credential, signedHeaders, signature, amzDate };
    payloadHash = single('x-amz-content-sha256') ?? '';
    if (payloadHash.startsWith('STREAMING-')) {
      return refuse(501, 'NotImplemented', 'Chunked (streaming) signed payloads are not supported.');
    }
    if (payloadHash !== UNSIGNED_PAYLOAD && !/^[0-9a-f]{64}$/.test(payloadHash)) {
      return refuse(400, 'InvalidRequest', 'Missing or invalid x-amz-content-sha256 header.');
    }
  } else {
    if (queryValue('X-Amz-Algorithm') !== ALGORITHM) {
      return refuse(400, 'AuthorizationQueryParametersError', `X-Amz-Algorithm must be ${ALGORITHM}.`);
    }
    const credential = queryValue('X-Amz-Credential');
    const signedHeaders = queryValue('X-Amz-SignedHeaders');
    const signature = queryValue('X-Amz-Signature');
    const amzDate = queryValue('X-Amz-Date');
    const expires = queryValue('X-Amz-Expires');
    if (!credential || !signedHeaders || !signature || !amzDate || !expires) {
      return refuse(
        400,
        'AuthorizationQueryParametersError',
        'A presigned URL needs X-Amz-Credential, X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature.',
      );
    }
    const seconds = /^\d{1,7}$/.test(expires) ? Number(expires) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS)) {
      return refuse(
        400,
        'AuthorizationQueryParametersError',
        `X-Amz-Expires must be between 1 and ${MAX_EXPIRES_SECONDS}.`,
      );
    }
    const signedAt = parseAmzDate(amzDate);
    if (signedAt && now.getTime() > signedAt.getTime() + seconds * 1000) {
      return accessDenied('Request has expired.');
    }
    parsed = { credential, signedHeaders, signature, amzDate };
    payloadHash = queryValue('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  }

  const signedAt = parseAmzDate(parsed.amzDate);
  if (!signedAt) return accessDenied('X-Amz-Date must be in the form YYYYMMDDTHHMMSSZ.');
  if (signedAt.getTime() - now.getTime() > MAX_SKEW_MS) return accessDenied('Request is not yet valid.');
  if (authorization && now.getTime() - signedAt.getTime() > MAX_SKEW_MS) {
    return refuse(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
    );
  }

  const [accessKey, scopeDate, scopeRegion, service, terminator, ...rest] = parsed.credential.split('/');
  if (rest.length > 0 || terminator !== 'aws4_request' || service !== 's3') {
    return refuse(400, 'AuthorizationHeaderMalformed', 'The credential scope is malformed.');
  }
  if (accessKey !== credentials.accessKey) {
    return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  if (scopeDate !== parsed.amzDate.slice(0, 8)) {
    return refuse(400, 'AuthorizationHeaderMalformed', 'The credential date does not match X-Amz-Date.');
  }
  if (scopeRegion !== region) {
    return refuse(400, 'AuthorizationHeaderMalformed', `The region is wrong; expecting '${region}'.`);
  }

  const signedHeaderNames = parsed.signedHeaders.split(';');
  if (!signedHeaderNames.includes('host')) return accessDenied('The host header must be signed.');
  if (signedHeaderNames.some((name) => name !== name.toLowerCase() || !name)) {
    return accessDenied('SignedHeaders must be lower-case header names.');
  }
  if (authorization && !signedHeaderNames.includes('x-amz-date')) {
    return accessDenied('The x-amz-date header must be signed.');
  }
  // S3's rule: every x-amz-* header sent must be signed (otherwise anyone could add metadata or a copy source).
  const unsigned = Object.keys(request.headers).find((n) => n.startsWith('x-amz-') && !signedHeaderNames.includes(n));
  if (unsigned) return accessDenied(`The ${unsigned} header is not signed.`);
  for (const name of signedHeaderNames) {
    if (!header(name)) return accessDenied(`The signed header ${name} is missing.`);
  }

  const queryForSignature = authorization ? params : params.filter((p) => p.name !== 'X-Amz-Signature');
  const canonicalRequest = [
    request.method.toUpperCase(),
    uri,
    canonicalQuery(queryForSignature),
    signedHeaderNames.map((name) => `${name}:${canonicalHeaderValue(header(name)!)}\n`).join(''),
    parsed.signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${scopeDate}/${scopeRegion}/s3/aws4_request`;
  const stringToSign = [ALGORITHM, parsed.amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretKey}`, scopeDate), scopeRegion), 's3'),
    'aws4_request',
  );
  const expected = hmac(signingKey, stringToSign);
  const provided = /^[0-9a-f]{64}$/.test(parsed.signature) ? Buffer.from(parsed.signature, 'hex') : Buffer.alloc(0);
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return refuse(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }

  return {
    mechanism: authorization ? 'header' : 'query',
    payloadHash,
    forwardQuery: params
      .filter((p) => !PRESIGN_PARAMS.has(p.name))
      .map((p) => p.raw)
      .join('&'),
  };
}

export function isRefusal(result: VerifiedRequest | S3Refusal): result is S3Refusal {
  return 'status' in result;
}
