/**
 * The port for sending e-mail. infra/mailer.ts implements it over SMTP with nodemailer; the
 * e-mail worker (email-worker.ts) is its only caller, so nothing else sends e-mail outside the
 * outbox table.
 */
export interface OutgoingMail {
  from: string;
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  /** Plain text. */
  text: string;
  replyTo?: string;
  /** The Message-ID header (`<…@…>`), fixed when the e-mail was enqueued. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Resolves once the SMTP server has accepted the e-mail; rejects with a MailSendError otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string; rejected: string[] }>;
  close(): Promise<void>;
}

/**
 * Why the SMTP server did not take an e-mail, in words for the outbox table (the server's own
 * answer may name an address: it is stored, never logged). `permanent`: the server refused it for
 * good (5xx), and the same e-mail would be refused again; otherwise (4xx, a connection that failed
 * or timed out) a later attempt may succeed.
 */
export class MailSendError extends Error {
  constructor(
    readonly permanent: boolean,
    readonly reason: string,
    /** For the log: the SMTP reply code or the library's error code, never an address. */
    readonly code: string,
    options: { cause?: unknown } = {},
  ) {
    super(reason, options);
    this.name = 'MailSendError';
  }
}
