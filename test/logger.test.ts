import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { restifyLogger } from '../bot/server.js';
import { createLogger } from '../infra/logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logs', () => {
  it('are JSON lines that keep ids and drop names, e-mail addresses and message text', () => {
    const { logger, lines } = capture();
    logger.child({ reqId: 'r-1' }).info({ activity: { id: 'a-1', text: 'hemmelig', name: 'Kari' }, person: { email: 'kari@x.no' } }, 'seen');
    expect(lines[0]).toMatchObject({ reqId: 'r-1', msg: 'seen', activity: { id: 'a-1' } });
    expect(JSON.stringify(lines[0])).not.toMatch(/hemmelig|Kari|kari@x\.no/);
  });

  it('drop names, e-mail addresses and message text at any depth, in log objects and child bindings, and keep the ids beside them', () => {
    const { logger, lines } = capture();
    const activity = { id: 'a-1', text: 'hemmelig', from: { id: '29:x', aadObjectId: 'aad-1', name: 'Kari Nordmann' } };
    const deep = { b: { c: { id: 'c-1', email: 'kari@x.no', d: [{ id: 'd-1', name: 'Ola Nordmann' }] } } };
    logger.child({ caller: { person: { id: 'p-1', name: 'Per Hansen' } } }).info({ activity, a: deep }, 'seen');
    expect(lines[0]).toMatchObject({
      caller: { person: { id: 'p-1' } },
      activity: { id: 'a-1', from: { id: '29:x', aadObjectId: 'aad-1' } },
      a: { b: { c: { id: 'c-1', d: [{ id: 'd-1' }] } } },
    });
    expect(JSON.stringify(lines[0])).not.toMatch(/hemmelig|Kari|kari@x\.no|Ola|Per Hansen/);
    // The caller's objects are not changed.
    expect(activity.from.name).toBe('Kari Nordmann');
  });

  it('log errors without the request and response bodies a connector error carries', () => {
    const { logger, lines } = capture();
    const error = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED', request: { body: 'Hei, Kari Nordmann!' } });
    logger.error({ err: error }, 'send failed');
    expect(lines[0]).toMatchObject({ err: { type: 'Error', message: 'connect ECONNREFUSED', code: 'ECONNREFUSED' } });
    expect(JSON.stringify(lines[0])).not.toContain('Kari');
  });

  it('restify\'s own warnings name what a handler returned, never the response and request it carried', () => {
    const { logger, lines } = capture();
    class ServerResponse {
      req = { url: '/api/messages', body: { type: 'message', text: 'Hei, Kari Nordmann!' } };
    }
    const log = restifyLogger(logger) as unknown as typeof logger;
    log.warn({ value: new ServerResponse() }, 'Discarded returned value from async handler');
    expect(lines[0]).toMatchObject({ component: 'restify', value: 'ServerResponse', msg: 'Discarded returned value from async handler' });
    expect(JSON.stringify(lines[0])).not.toContain('Kari');
  });
});
