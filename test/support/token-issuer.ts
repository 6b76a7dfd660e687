import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Bot Framework's token issuer: serves OpenID metadata and a signing key
 * (endorsed for msteams) on loopback, and signs channel tokens the way the Bot Connector does.
 * The bot validates them with botbuilder's own JWT code, pointed here instead of the public cloud.
 */
export interface TokenIssuer {
  issuer: string;
  openIdMetadataUrl: string;
  token(claims: Record<string, unknown>, options?: { key?: KeyObject; expiresIn?: number }): string;
  close(): Promise<void>;
}

const b64url = (value: object | Buffer) =>
  (Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value))).toString('base64url');

export function newSigningKey(): KeyObject {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
}

export async function startTokenIssuer(): Promise<TokenIssuer> {
  const key = newSigningKey();
  const kid = 'arkivlos-test-key';
  const jwk = { ...key.export({ format: 'jwk' }), kid, use: 'sig', kty: 'RSA', endorsements: ['msteams'] };
  const publicJwk = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid, use: 'sig', endorsements: jwk.endorsements };
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: 'https://api.botframework.test', jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = 'https://api.botframework.test';
  return {
    issuer,
    openIdMetadataUrl: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    token(claims, { key: signingKey = key, expiresIn = 3600 } = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url({ alg: 'RS256', typ: 'JWT', kid });
      const payload = b64url({ iss: issuer, nbf: now - 60, iat: now - 60, exp: now + expiresIn, ...claims });
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signingKey);
      return `${header}.${payload}.${b64url(signature)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
