import { isIP } from 'node:net';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Names proxy-addr (Fastify's trustProxy) understands for whole address families. */
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Loopback, IPv4 and IPv6: where the gateway calls the services from in embedded mode. */
export const LOOPBACK_PROXIES = '127.0.0.1/8,::1/128';

/**
 * `TRUSTED_PROXIES` as a list: comma-separated addresses, CIDRs or the names loopback / linklocal / uniquelocal;
 * empty or `none` trusts no proxy.
 */
export function parseTrustedProxies(value: string | readonly string[] | undefined): string[] {
  const entries = typeof value === 'string' ? value.split(',') : [...(value ?? [])];
  const list = entries.map((e) => e.trim()).filter((e) => e !== '');
  return list.length === 1 && list[0].toLowerCase() === 'none' ? [] : list;
}

/** Why an entry of TRUSTED_PROXIES is not an address, a CIDR or a named range; undefined when it is one. */
export function trustedProxyProblem(entry: string): string | undefined {
  if (NAMED_RANGES.has(entry)) return undefined;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return `${entry} is not an IP address or CIDR`;
  if (bits === undefined) return undefined;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max ? undefined : `${entry}: prefix length must be 0-${max}`;
}

/** Validates a TRUSTED_PROXIES value at boot. */
export function IsTrustedProxyList(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTrustedProxyList',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: 'must be comma-separated IP addresses or CIDRs (or loopback, linklocal, uniquelocal, none)',
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseTrustedProxies(value).every((e) => !trustedProxyProblem(e)),
      },
    });
}
