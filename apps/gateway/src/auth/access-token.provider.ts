import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import { AccessTokenIssuer } from '@profila/platform';
import type { GatewayEnv } from '../config/gateway.env.js';

/**
 * The gateway's access-token signing key: from ACCESS_TOKEN_PRIVATE_JWK (replicas share it: a Secret), else from a
 * key file created on first start (embedded mode; a single-replica deployment with a volume).
 */
export async function loadAccessTokenIssuer(env: GatewayEnv): Promise<AccessTokenIssuer> {
  if (env.ACCESS_TOKEN_PRIVATE_JWK)
    return AccessTokenIssuer.fromPrivateJwk(JSON.parse(env.ACCESS_TOKEN_PRIVATE_JWK) as JWK);
  if (!env.ACCESS_TOKEN_KEY_FILE && env.NODE_ENV === 'production') {
    throw new Error('Set ACCESS_TOKEN_PRIVATE_JWK (or ACCESS_TOKEN_KEY_FILE for a single replica) in production');
  }
  const file = env.ACCESS_TOKEN_KEY_FILE ?? '.data/keys/access-token.jwk.json';
  if (existsSync(file)) return AccessTokenIssuer.fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  const { issuer, privateJwk } = await AccessTokenIssuer.generate();
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600 });
  return issuer;
}
