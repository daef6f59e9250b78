import { loadEnv } from './load-env.js';
import { ServiceEnv } from './service-env.js';
import { parseTrustedProxies, trustedProxyProblem } from './trusted-proxies.js';

describe('TRUSTED_PROXIES', () => {
  it('reads comma-separated addresses and CIDRs; empty or none trusts nobody', () => {
    expect(parseTrustedProxies(' 10.0.0.0/8, ::1 ,,192.0.2.7')).toEqual(['10.0.0.0/8', '::1', '192.0.2.7']);
    expect(parseTrustedProxies('none')).toEqual([]);
    expect(parseTrustedProxies('')).toEqual([]);
    expect(parseTrustedProxies(undefined)).toEqual([]);
  });

  it('refuses at boot what is not an address, a CIDR or a named range', () => {
    for (const ok of ['127.0.0.1', '10.244.0.0/16', 'fd00::/8', 'loopback', 'uniquelocal']) {
      expect([ok, trustedProxyProblem(ok)]).toEqual([ok, undefined]);
    }
    for (const bad of ['*', '0.0.0.0/33', 'gateway', '10.0.0.0/8/1', '::1/129'])
      expect(trustedProxyProblem(bad)).toBeDefined();
    expect(() => loadEnv(ServiceEnv, { TRUSTED_PROXIES: '10.0.0.0/8,gateway' })).toThrow(/TRUSTED_PROXIES/);
  });

  it('services trust loopback by default: the gateway of the embedded mode', () => {
    expect(parseTrustedProxies(loadEnv(ServiceEnv, {}).TRUSTED_PROXIES)).toEqual(['127.0.0.1/8', '::1/128']);
  });
});
