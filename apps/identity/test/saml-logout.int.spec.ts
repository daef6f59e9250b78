// Single logout both ways: our signed LogoutRequest (SP-initiated) and the IdP's answer, and an IdP-initiated
// LogoutRequest with our LogoutResponse. Signature, Issuer, Destination and InResponseTo are enforced.
import { inflateRawSync } from 'node:zlib';
import { createSelfSignedCredentials, TestSamlIdp } from '@profila/testing';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import {
  createLogoutRequest,
  createLogoutResponse,
  readIdpLogoutRequest,
  readIdpLogoutResponse,
  type LogoutContext,
} from '../src/saml/logout.js';
import { SamlErrorCode } from '../src/saml/saml-validation.error.js';
import { SLO_URL, SP_ENTITY_ID, samlWorld, type SamlWorld } from './saml-fixtures.js';

let world: SamlWorld;
let ctx: LogoutContext;

beforeAll(async () => {
  world = await samlWorld();
  ctx = { sp: world.sp, idps: world.registry };
});

describe('SP-initiated logout', () => {
  test('the LogoutRequest names the IdP session of the login and is signed (POST)', () => {
    const out = createLogoutRequest({
      sp: world.sp,
      destination: world.idp.sloUrl,
      nameId: '_transient-1',
      nameQualifier: world.idp.entityId,
      sessionIndex: '_session-1',
      binding: 'HTTP-POST',
    });
    const xml = Buffer.from(out.post!.fields.SAMLRequest, 'base64').toString('utf8');
    expect(out.post!.action).toBe(world.idp.sloUrl);
    expect(out.post!.fields.RelayState).toBe(out.relayState);
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement!;
    expect(root.localName).toBe('LogoutRequest');
    expect(root.getAttribute('ID')).toBe(out.id);
    expect(root.getAttribute('Destination')).toBe(world.idp.sloUrl);
    const issuer = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'Issuer')[0];
    expect(issuer.textContent).toBe(SP_ENTITY_ID);
    expect(issuer.getAttribute('Format')).toBe('urn:oasis:names:tc:SAML:2.0:nameid-format:entity');
    expect(issuer.getAttribute('NameQualifier')).toBe(SP_ENTITY_ID);
    const nameId = root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:assertion', 'NameID')[0];
    expect(nameId.textContent).toBe('_transient-1');
    expect(nameId.getAttribute('Format')).toBe('urn:oasis:names:tc:SAML:2.0:nameid-format:transient');
    expect(nameId.getAttribute('NameQualifier')).toBe(world.idp.entityId);
    expect(root.getElementsByTagNameNS('urn:oasis:names:tc:SAML:2.0:protocol', 'SessionIndex')[0].textContent).toBe(
      '_session-1',
    );
    const signature = root.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature')[0];
    const sig = new SignedXml({ publicCert: world.sp.credentials.certificate });
    sig.loadSignature(signature as never);
    expect(sig.checkSignature(xml)).toBe(true);
  });

  test('Redirect binding: deflated, signed over the query', () => {
    const out = createLogoutRequest({
      sp: world.sp,
      destination: world.idp.sloUrl,
      nameId: '_t',
      nameQualifier: world.idp.entityId,
      binding: 'HTTP-Redirect',
    });
    const url = new URL(out.redirectUrl!);
    expect([...url.searchParams.keys()]).toEqual(['SAMLRequest', 'RelayState', 'SigAlg', 'Signature']);
    const xml = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString();
    expect(xml).toContain(`ID="${out.id}"`);
  });

  test("the IdP's LogoutResponse is accepted when it answers our request, signed, to our SLO URL", () => {
    const requestId = '_our-logout-request';
    const response = world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: requestId });
    const result = readIdpLogoutResponse(
      { binding: 'HTTP-POST', message: response.encoded, relayState: 'rs' },
      { ...ctx, expected: { requestId, idp: world.idp.entityId } },
    );
    expect(result).toMatchObject({ success: true, inResponseTo: requestId, idp: world.idp.entityId, relayState: 'rs' });

    const unsignedXml = world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: requestId, unsigned: true }).xml;
    const viaRedirect = readIdpLogoutResponse(
      { binding: 'HTTP-Redirect', rawQuery: world.idp.redirectQuery('SAMLResponse', unsignedXml, 'rs2') },
      { ...ctx, expected: { requestId, idp: world.idp.entityId } },
    );
    expect(viaRedirect).toMatchObject({ success: true, relayState: 'rs2' });
  });

  test('a Responder status is reported as not successful', () => {
    const requestId = '_r';
    const response = world.idp.logoutResponse({
      destination: SLO_URL,
      inResponseTo: requestId,
      statusCode: 'urn:oasis:names:tc:SAML:2.0:status:Responder',
    });
    const result = readIdpLogoutResponse(
      { binding: 'HTTP-POST', message: response.encoded },
      { ...ctx, expected: { requestId, idp: world.idp.entityId } },
    );
    expect(result.success).toBe(false);
  });

  test.each<[string, () => { message: string; requestId?: string }, SamlErrorCode]>([
    [
      'unsigned',
      () => ({
        message: world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: '_r', unsigned: true }).encoded,
      }),
      SamlErrorCode.MISSING_SIGNATURE,
    ],
    [
      'answering another request',
      () => ({ message: world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: '_other' }).encoded }),
      SamlErrorCode.IN_RESPONSE_TO_MISMATCH,
    ],
    [
      'to another destination',
      () => ({
        message: world.idp.logoutResponse({ destination: 'https://evil.example/slo', inResponseTo: '_r' }).encoded,
      }),
      SamlErrorCode.WRONG_DESTINATION,
    ],
    [
      'from another issuer',
      () => ({
        message: world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: '_r', issuer: 'https://evil.example' })
          .encoded,
      }),
      SamlErrorCode.WRONG_ISSUER,
    ],
    [
      'tampered after signing',
      () => {
        const xml = world.idp.logoutResponse({ destination: SLO_URL, inResponseTo: '_r' }).xml;
        return { message: Buffer.from(xml.replace('status:Success', 'status:Success ')).toString('base64') };
      },
      SamlErrorCode.INVALID_SIGNATURE,
    ],
  ])('a LogoutResponse %s is refused', (_name, make, code) => {
    const { message } = make();
    expect(() =>
      readIdpLogoutResponse(
        { binding: 'HTTP-POST', message },
        { ...ctx, expected: { requestId: '_r', idp: world.idp.entityId } },
      ),
    ).toThrow(expect.objectContaining({ code }));
  });
});

describe('IdP-initiated logout', () => {
  test('a signed LogoutRequest from a known IdP is read, and our LogoutResponse answers it', () => {
    const request = world.idp.logoutRequest({ destination: SLO_URL, nameId: '_t-9', sessionIndex: '_s-9' });
    const read = readIdpLogoutRequest({ binding: 'HTTP-POST', message: request.encoded, relayState: 'x' }, ctx);
    expect(read).toMatchObject({
      id: request.id,
      nameId: '_t-9',
      nameQualifier: world.idp.entityId,
      sessionIndexes: ['_s-9'],
      relayState: 'x',
      binding: 'HTTP-POST',
    });
    expect(read.idp.entityId).toBe(world.idp.entityId);

    const answer = createLogoutResponse({
      sp: world.sp,
      destination: read.idp.sloResponse.post ?? read.idp.slo.post!,
      inResponseTo: read.id,
      binding: 'HTTP-POST',
      relayState: read.relayState,
    });
    const xml = Buffer.from(answer.post!.fields.SAMLResponse, 'base64').toString();
    expect(xml).toContain(`InResponseTo="${request.id}"`);
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(answer.post!.fields.RelayState).toBe('x');
  });

  test('Redirect binding with a valid query signature is accepted; a forged one is not', () => {
    const unsigned = world.idp.logoutRequest({ destination: SLO_URL, nameId: '_t', unsigned: true }).xml;
    const query = world.idp.redirectQuery('SAMLRequest', unsigned, 'rs');
    expect(readIdpLogoutRequest({ binding: 'HTTP-Redirect', rawQuery: query }, ctx).nameId).toBe('_t');

    const forged = world.idp.redirectQuery('SAMLRequest', unsigned, 'rs', createSelfSignedCredentials());
    expect(() => readIdpLogoutRequest({ binding: 'HTTP-Redirect', rawQuery: forged }, ctx)).toThrow(
      expect.objectContaining({ code: SamlErrorCode.INVALID_SIGNATURE }),
    );
    const withoutSignature = query.slice(0, query.indexOf('&SigAlg='));
    expect(() => readIdpLogoutRequest({ binding: 'HTTP-Redirect', rawQuery: withoutSignature }, ctx)).toThrow(
      expect.objectContaining({ code: SamlErrorCode.MISSING_SIGNATURE }),
    );
  });

  test('unsigned, unknown IdP, wrong destination and stale requests are refused', () => {
    const stranger = new TestSamlIdp({ entityId: 'https://stranger-idp.example', credentials: world.idp.credentials });
    const cases: Array<[string, SamlErrorCode]> = [
      [
        world.idp.logoutRequest({ destination: SLO_URL, nameId: '_t', unsigned: true }).encoded,
        SamlErrorCode.MISSING_SIGNATURE,
      ],
      [stranger.logoutRequest({ destination: SLO_URL, nameId: '_t' }).encoded, SamlErrorCode.UNKNOWN_IDP],
      [
        world.idp.logoutRequest({ destination: 'https://evil.example/slo', nameId: '_t' }).encoded,
        SamlErrorCode.WRONG_DESTINATION,
      ],
      [
        world.idp.logoutRequest({ destination: SLO_URL, nameId: '_t', now: new Date(Date.now() - 3600_000) }).encoded,
        SamlErrorCode.EXPIRED,
      ],
    ];
    for (const [message, code] of cases) {
      expect(() => readIdpLogoutRequest({ binding: 'HTTP-POST', message }, ctx)).toThrow(
        expect.objectContaining({ code }),
      );
    }
  });
});
