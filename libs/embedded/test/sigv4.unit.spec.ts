// The embedded S3 endpoint's signature check against AWS's own published examples (S3 API reference,
// "Signature Calculations for the Authorization Header" and "Authenticating Requests: Using Query Parameters"),
// then the tampering a verifier must catch.
import { verifySigV4, type SignedRequest } from '../src/s3/sigv4.js';

const AWS = { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const AT = new Date('2013-05-24T00:00:00Z');
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const HOST = 'examplebucket.s3.amazonaws.com';

const headers = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [v]]));

const getObject: SignedRequest = {
  method: 'GET',
  url: '/test.txt',
  headers: headers({
    host: HOST,
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
      'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,' +
      'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
  }),
};

const putObject: SignedRequest = {
  method: 'PUT',
  url: '/test%24file.text',
  headers: headers({
    host: HOST,
    date: 'Fri, 24 May 2013 00:00:00 GMT',
    'x-amz-date': '20130524T000000Z',
    'x-amz-storage-class': 'REDUCED_REDUNDANCY',
    'x-amz-content-sha256': '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    authorization:
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,' +
      'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,' +
      'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
  }),
};

const presigned: SignedRequest = {
  method: 'GET',
  url:
    '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
    '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
    '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
    '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
  headers: headers({ host: HOST }),
};

const codeOf = (request: SignedRequest, now = AT, credentials = AWS) => {
  const result = verifySigV4(request, credentials, 'us-east-1', now);
  return 'code' in result ? result.code : 'ok';
};

describe('SigV4 verification of the embedded S3 endpoint', () => {
  it("accepts AWS's published examples: GET and PUT with the Authorization header, a presigned GET", () => {
    expect(verifySigV4(getObject, AWS, 'us-east-1', AT)).toEqual({
      mechanism: 'header',
      payloadHash: EMPTY_SHA256,
      forwardQuery: '',
    });
    expect(codeOf(putObject)).toBe('ok');
    expect(verifySigV4(presigned, AWS, 'us-east-1', new Date(AT.getTime() + 3600_000))).toEqual({
      mechanism: 'query',
      payloadHash: 'UNSIGNED-PAYLOAD',
      forwardQuery: '',
    });
  });

  it('refuses the same requests once anything signed is changed', () => {
    const withHeader = (r: SignedRequest, name: string, value: string): SignedRequest => ({
      ...r,
      headers: { ...r.headers, [name]: [value] },
    });
    expect(codeOf({ ...getObject, url: '/other.txt' })).toBe('SignatureDoesNotMatch');
    expect(codeOf({ ...getObject, method: 'DELETE' })).toBe('SignatureDoesNotMatch');
    expect(codeOf(withHeader(getObject, 'range', 'bytes=0-99'))).toBe('SignatureDoesNotMatch');
    expect(codeOf(withHeader(getObject, 'host', 'evil.example'))).toBe('SignatureDoesNotMatch');
    expect(codeOf(withHeader(putObject, 'x-amz-storage-class', 'STANDARD'))).toBe('SignatureDoesNotMatch');
    // An x-amz-* header the signature does not cover (a copy source, metadata) is refused outright.
    expect(codeOf(withHeader(getObject, 'x-amz-copy-source', '/examplebucket/secret'))).toBe('AccessDenied');
    expect(codeOf(getObject, AT, { ...AWS, secretKey: 'another' })).toBe('SignatureDoesNotMatch');
    expect(codeOf(getObject, AT, { ...AWS, accessKey: 'ANOTHERKEY' })).toBe('InvalidAccessKeyId');
    expect(codeOf({ ...presigned, url: presigned.url.replace('/test.txt', '/secret.txt') })).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf({ ...presigned, url: presigned.url.replace(/aeeed9bb[0-9a-f]+/, '0'.repeat(64)) })).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf({ ...presigned, url: presigned.url.replace('Expires=86400', 'Expires=86401') })).toBe(
      'SignatureDoesNotMatch',
    );
    expect(codeOf({ ...presigned, url: `${presigned.url}&response-content-type=text%2Fhtml` })).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it('refuses by time: an expired or not yet valid presigned URL, a stale Authorization header', () => {
    expect(codeOf(presigned, new Date(AT.getTime() + 86_401_000))).toBe('AccessDenied');
    expect(codeOf(presigned, new Date(AT.getTime() - 20 * 60_000))).toBe('AccessDenied');
    expect(codeOf(getObject, new Date(AT.getTime() + 16 * 60_000))).toBe('RequestTimeTooSkewed');
    expect(codeOf(getObject, new Date(AT.getTime() + 14 * 60_000))).toBe('ok');
    const tooLong = presigned.url.replace('Expires=86400', 'Expires=604801');
    expect(codeOf({ ...presigned, url: tooLong })).toBe('AuthorizationQueryParametersError');
  });

  it('refuses the unsigned, the half-signed and the ambiguous', () => {
    expect(codeOf({ method: 'GET', url: '/test.txt', headers: headers({ host: HOST }) })).toBe('AccessDenied');
    const both = { ...presigned, headers: { ...presigned.headers, authorization: getObject.headers.authorization } };
    expect(codeOf(both)).toBe('InvalidArgument');
    const v2 = { ...getObject, headers: { ...getObject.headers, authorization: ['AWS AKIAIOSFODNN7EXAMPLE:abc='] } };
    expect(codeOf(v2)).toBe('InvalidArgument');
    expect(verifySigV4(getObject, AWS, 'eu-south-1', AT)).toMatchObject({ code: 'AuthorizationHeaderMalformed' });
  });
});
