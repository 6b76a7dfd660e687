import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP envelope: who the server was told the mail is from and for (to and cc alike). */
  envelope: { from: string; to: string[] };
  /** The message as it arrived, parsed (headers, addresses, text). */
  parsed: ParsedMail;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` */
  url: string;
  /** Every mail the server accepted, in order. */
  messages: ReceivedMail[];
  /** Resolves when `count` mails have arrived (or rejects after `ms`). */
  waitFor(count: number, ms?: number): Promise<ReceivedMail[]>;
  /** The next `count` mails are refused after their data, with this SMTP reply (e.g. 451, 550). */
  refuseNext(count: number, code: number, message: string): void;
  /** Mails refused so far. */
  refused: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process, on a free loopback port, that keeps what it receives.
 * Plain SMTP without STARTTLS or AUTH: it stands for the organisation's relay, and nodemailer
 * sends over an smtp:// URL exactly as it would there.
 */
export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let refusals: { count: number; code: number; message: string } = { count: 0, code: 0, message: '' };
  let refused = 0;
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusals.count > 0) {
          refusals.count -= 1;
          refused += 1;
          callback(Object.assign(new Error(refusals.message), { responseCode: refusals.code }));
          return;
        }
        simpleParser(Buffer.concat(chunks)).then(
          (parsed) => {
            const address = (value: false | { address: string }) => (value ? value.address : '');
            messages.push({ envelope: { from: address(session.envelope.mailFrom), to: session.envelope.rcptTo.map(address) }, parsed });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get refused() {
      return refused;
    },
    async waitFor(count, ms = 5000) {
      const deadline = Date.now() + ms;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${count} mails; the SMTP server has ${messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return messages;
    },
    refuseNext(count, code, message) {
      refusals = { count, code, message };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
