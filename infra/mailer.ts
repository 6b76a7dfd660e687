import nodemailer, { type NodemailerError } from 'nodemailer';
import { MailSendError, type Mailer } from '../domain/support/mail.js';
import type { Config } from './config.js';

export interface MailerOptions {
  /**
   * The longest one send may take, connecting included. The e-mail worker's claim must outlast it,
   * or another instance could take the e-mail over while this one is still sending it.
   */
  timeoutMs?: number;
}

/** Errors of the library that say the e-mail itself can never be sent (no SMTP answer involved). */
const PERMANENT_CODES = new Set(['ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS']);

/** What an SMTP failure means for the outbox: permanent or worth another try, and why. */
export function classifySmtpError(error: unknown): MailSendError {
  const failure = error as NodemailerError;
  if (typeof failure.responseCode === 'number') {
    // RFC 5321: 5yz is a permanent refusal, 4yz a passing one; 503 (bad sequence) is a session
    // problem that a new connection does not have. nodemailer sets `permanent` from the same rule.
    const permanent = failure.permanent ?? (failure.responseCode >= 500 && failure.responseCode !== 503);
    return new MailSendError(permanent, (failure.response ?? `${failure.responseCode}`).trim(), String(failure.responseCode), { cause: error });
  }
  const code = failure.code ?? 'unknown';
  // Without an SMTP answer: the connection failed, timed out or was aborted (try again), unless the
  // e-mail itself is malformed.
  const permanent = PERMANENT_CODES.has(code);
  return new MailSendError(permanent, `${code}: ${failure.message}`, code, { cause: error });
}

/**
 * The mailer over SMTP_URL (`smtp://` with STARTTLS when offered, `smtps://` with TLS), or null
 * when no SMTP server is configured: then nothing is sent, and the actions that would send say so.
 */
export function createMailer(config: Pick<Config, 'SMTP_URL'>, options: MailerOptions = {}): Mailer | null {
  if (!config.SMTP_URL) return null;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: mail.from,
          to: [...mail.to],
          cc: mail.cc ? [...mail.cc] : undefined,
          replyTo: mail.replyTo,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          headers: mail.headers,
          signal: AbortSignal.timeout(timeoutMs),
        });
        return { messageId: info.messageId, rejected: (info.rejected ?? []).map(String) };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
