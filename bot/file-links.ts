import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileLinks } from '../domain/support/file-links.js';
import type { Config } from '../infra/config.js';

/** The path the bot serves kept images on (bot/server.ts). */
export const FILE_ROUTE = '/files/:id';

export interface SignedFileLinks extends FileLinks {
  /** Whether `sig` is this bot's signature of the attachment id (constant time). */
  verify(attachmentId: string, sig: string): boolean;
}

/**
 * Links to kept images for support's channel thread: `<base>/files/<id>?sig=<HMAC-SHA256 of the
 * id>`. Teams loads an Adaptive Card image from its URL without our token, so the signature is
 * what stands between the image and anyone who guesses an id. Links do not expire: the thread
 * keeps them. The secret is read when first needed (see `fileLinkSecret`).
 */
export function createFileLinks(options: { baseUrl: string | null; secret: () => Buffer }): SignedFileLinks {
  let key: Buffer | undefined;
  const sign = (attachmentId: string) => createHmac('sha256', (key ??= options.secret())).update(`arkivlos-file:${attachmentId}`).digest('base64url');
  return {
    imageUrl(attachmentId) {
      return options.baseUrl === null ? null : `${options.baseUrl}/files/${attachmentId}?sig=${sign(attachmentId)}`;
    },
    verify(attachmentId, sig) {
      const expected = Buffer.from(sign(attachmentId));
      const given = Buffer.from(sig);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

/** Where support's client loads images from: the bot's public host, or the local port in development. */
export function publicBaseUrl(config: Pick<Config, 'BOT_DOMAIN' | 'NODE_ENV' | 'PORT'>): string | null {
  if (config.BOT_DOMAIN) return `https://${config.BOT_DOMAIN}`;
  return config.NODE_ENV === 'production' ? null : `http://localhost:${config.PORT}`;
}

/**
 * The signing secret, in this order: FILE_LINK_SECRET; else derived from BOT_PASSWORD (every
 * instance of one bot has it; rotating it breaks the links already in threads); else one
 * generated once and kept in DATA_DIR (development: one instance, beside its embedded database).
 * infra/config.ts refuses production without either of the first two.
 */
export function fileLinkSecret(config: Pick<Config, 'FILE_LINK_SECRET' | 'BOT_PASSWORD' | 'DATA_DIR'>): () => Buffer {
  return () => {
    if (config.FILE_LINK_SECRET) return Buffer.from(config.FILE_LINK_SECRET);
    if (config.BOT_PASSWORD) return createHmac('sha256', config.BOT_PASSWORD).update('arkivlos file links').digest();
    const file = join(config.DATA_DIR, 'file-link.secret');
    try {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    } catch {
      mkdirSync(config.DATA_DIR, { recursive: true });
      const secret = randomBytes(32);
      try {
        writeFileSync(file, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
        return secret;
      } catch {
        // Another start wrote it first.
        return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
      }
    }
  };
}
