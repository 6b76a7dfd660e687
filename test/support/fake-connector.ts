import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface SentActivity {
  method: string;
  path: string;
  conversationId: string;
  authorization?: string;
  /** performance.now() when the whole request had arrived (bench/support.ts times the outbox by it). */
  at: number;
  body: {
    type?: string;
    text?: string;
    locale?: string;
    attachments?: { contentType: string; content: Record<string, unknown> & { body?: unknown[] } }[];
    [key: string]: unknown;
  };
}

/**
 * A stand-in for the Bot Connector service: the bot's serviceUrl points here, and every activity
 * the bot sends (replies, proactive messages, updates) is recorded for the test to inspect.
 */
export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Resolves when `count` activities matching `predicate` have been sent (or rejects after `ms`). */
  waitFor(predicate: (activity: SentActivity) => boolean, options?: { count?: number; ms?: number }): Promise<SentActivity[]>;
  /** The next `count` activities the bot sends are refused with `status` (default 403, as for a bot the person blocked; 5xx would be retried), and not recorded. */
  failNext(count: number, status?: number): void;
  clear(): void;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  let counter = 0;
  let failures: { count: number; status: number } = { count: 0, status: 403 };
  const server: Server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
    if (match && failures.count > 0) {
      failures.count -= 1;
      res.writeHead(failures.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: 'refused by the test' } }));
      return;
    }
    if (match) {
      sent.push({
        method: req.method ?? 'POST',
        path: req.url ?? '',
        conversationId: decodeURIComponent(match[1]!),
        authorization: req.headers.authorization,
        at: performance.now(),
        body: raw ? JSON.parse(raw) : {},
      });
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `sent-${++counter}` }));
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    async waitFor(predicate, { count = 1, ms = 5000 } = {}) {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = sent.filter(predicate);
        if (found.length >= count) return found;
        if (Date.now() > deadline) {
          throw new Error(`waited ${ms} ms for ${count} matching activities; the bot sent ${JSON.stringify(sent.map((s) => s.body.type + ':' + (s.body.text ?? s.body.attachments?.[0]?.contentType)))}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    failNext(count, status = 403) {
      failures = { count, status };
    },
    clear() {
      sent.length = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
