import type { AdaptiveCard } from '../../cards/card-kit.js';
import { REPLY_LIMIT, requestReplyCard } from '../../cards/request-reply-card.js';
import type { Locale, Translate } from '../../i18n/index.js';

const REQUEST_ID = '0b5f1c2e-7d4a-4c1b-9e3f-000000000001';
const LONG = `Hei! Journalposten er flyttet til sak 2026/1240, men *vedlegget* «Kart_gnr12_bnr345.pdf» ${'lå fortsatt i den gamle saken, så det må du sjekke [her](https://example.no). '.repeat(60)}`.slice(0, REPLY_LIMIT);
const REPLY = { from: 'Adele Vance-Nordmann Johannessen', text: LONG, at: new Date('2026-11-26T13:45:00Z') };

/** The reply card in the requester's chat: as sent, and after each outcome of «Send svar». */
export function addReplyCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const base = { requestId: REQUEST_ID, number: 'BS-2026-00042', reply: REPLY, locale };
  add('request-reply-card.ts', `${locale} support's reply at its limit`, requestReplyCard(base, t));
  add('request-reply-card.ts', `${locale} sent`, requestReplyCard({ ...base, answer: { kind: 'sent', text: LONG } }, t));
  add('request-reply-card.ts', `${locale} empty`, requestReplyCard({ ...base, answer: { kind: 'empty' } }, t));
  add('request-reply-card.ts', `${locale} closed`, requestReplyCard({ ...base, answer: { kind: 'closed' } }, t));
  add('request-reply-card.ts', `${locale} no reply to show`, requestReplyCard({ ...base, reply: null, answer: { kind: 'empty' } }, t));
}
