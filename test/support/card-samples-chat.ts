import type { AdaptiveCard } from '../../cards/card-kit.js';
import { answerChoiceCard, chatChoiceDoneCard, filesChoiceCard } from '../../cards/chat-choice-card.js';
import { fileThreadCard } from '../../cards/file-thread-card.js';
import { REPLY_LIMIT } from '../../cards/request-reply-card.js';
import { requestConfirmationCard } from '../../cards/request-confirmation-card.js';
import { commandWord } from '../../domain/help/commands.js';
import { FILES_PER_MESSAGE } from '../../domain/support/chat-files.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (length: number) => 'Journalposten 2026/1234-3 *må* flyttes til [sak](https://example.no) 2026/1240 før fristen. '.repeat(Math.ceil(length / 90)).slice(0, length);
const NAME = `Skjermbilde av feilmeldingen i ${'sak-/arkivsystemet '.repeat(12)}`.slice(0, 255);
/** The most henvendelser a person realistically has waiting or open at once. */
const REQUESTS = Array.from({ length: 12 }, (_, i) => ({ id: ID(300 + i), number: `BS-2026-${String(99_999 - i).padStart(5, '0')}`, what: LONG(INTAKE_LIMITS.what) }));
const SIGNED = (i: number) => `https://arkivlos.example.no/files/${ID(400 + i)}?sig=${'A'.repeat(43)}`;

/** The 1:1 chat's question cards, their answers, the files in a channel thread and the feilmelding confirmation. */
export function addChatCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const names = Array.from({ length: FILES_PER_MESSAGE }, (_, i) => `${i} ${NAME}`.slice(0, 255));
  add('chat-choice-card.ts', `${locale} which henvendelse for the files`, filesChoiceCard({ batchId: ID(1), names, requests: REQUESTS }, t));
  add('chat-choice-card.ts', `${locale} which henvendelse for the answer`, answerChoiceCard({ text: LONG(REPLY_LIMIT), requests: REQUESTS }, t));
  add('chat-choice-card.ts', `${locale} one file kept`, chatChoiceDoneCard({ outcome: 'filesKept', number: 'BS-2026-00042', count: 1 }, t));
  add('chat-choice-card.ts', `${locale} files kept`, chatChoiceDoneCard({ outcome: 'filesKept', number: 'BS-2026-00042', count: FILES_PER_MESSAGE }, t));
  add('chat-choice-card.ts', `${locale} answer sent`, chatChoiceDoneCard({ outcome: 'answerSent', number: 'BS-2026-00042' }, t));
  for (const outcome of ['filesGone', 'filesClosed', 'answerClosed'] as const) add('chat-choice-card.ts', `${locale} ${outcome}`, chatChoiceDoneCard({ outcome }, t));

  const files = names.map((name, i) => ({
    name,
    link: i % 3 === 0 ? null : `https://eksempel-my.sharepoint.com/personal/kari/_layouts/15/download.aspx?UniqueId=${ID(i)}&tempauth=${'x'.repeat(900)}`,
    imageUrl: i % 3 === 0 ? SIGNED(i) : null,
    tooLarge: i % 3 === 2,
  }));
  add('file-thread-card.ts', `${locale} the most files at once`, fileThreadCard({ number: 'BS-2026-00042', files }, t));
  add('file-thread-card.ts', `${locale} one screenshot`, fileThreadCard({ number: 'BS-2026-00042', files: [{ name: 'image-1.png', link: null, imageUrl: SIGNED(1), tooLarge: false }] }, t));

  const request = {
    id: ID(1),
    number: 'BS-2026-00042',
    status: 'ny' as const,
    category: 'feilmelding' as const,
    urgency: 'kritisk' as const,
    subjectArea: 'Bruk av sak-/arkivsystemet',
    reference: '2026/1234567-12345',
    what: LONG(INTAKE_LIMITS.what),
    version: 1,
    createdAt: new Date('2026-11-26T09:15:00Z'),
  };
  const mineCommand = commandWord('mineHenvendelser', locale);
  add('request-confirmation-card.ts', `${locale} feilmelding asks for a screenshot`, requestConfirmationCard({ request, locale, systemName: t('app.archiveSystem'), mineCommand }, t));
}
