import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import { AccessTokenIssuer } from '@profila/platform';
import type { GatewayEnv } from '../config/gateway.env.js';

/**
 * The gateway's access-token signing key: from ACCESS_TOKEN_PRIVATE_JWK (production: a Secret), else from the key
 * file of the embedded mode, created on first start.
 */
export async function loadAccessTokenIssuer(env: GatewayEnv): Promise<AccessTokenIssuer> {
  if (env.ACCESS_TOKEN_PRIVATE_JWK)
    return AccessTokenIssuer.fromPrivateJwk(JSON.parse(env.ACCESS_TOKEN_PRIVATE_JWK) as JWK);
  if (env.NODE_ENV === 'production') throw new Error('ACCESS_TOKEN_PRIVATE_JWK must be set in production');
  if (existsSync(env.ACCESS_TOKEN_KEY_FILE)) {
    return AccessTokenIssuer.fromPrivateJwk(JSON.parse(await readFile(env.ACCESS_TOKEN_KEY_FILE, 'utf8')) as JWK);
  }
  const { issuer, privateJwk } = await AccessTokenIssuer.generate();
  await mkdir(dirname(env.ACCESS_TOKEN_KEY_FILE), { recursive: true });
  await writeFile(env.ACCESS_TOKEN_KEY_FILE, JSON.stringify(privateJwk), { mode: 0o600 });
  return issuer;
}
