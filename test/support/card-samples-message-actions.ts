import type { AdaptiveCard } from '../../cards/card-kit.js';
import { messageActionCard, type MessageActionView } from '../../cards/message-action-card.js';
import { queueRequestCard } from '../../cards/queue-request-card.js';
import { requestConfirmationCard } from '../../cards/request-confirmation-card.js';
import { INTAKE_LIMITS } from '../../domain/support/intake.js';
import { MESSAGE_FORM_FIELDS, MESSAGE_FORM_LIMITS } from '../../domain/support/submit-from-message.js';
import { TEAMS_MESSAGE_LIMITS } from '../../domain/support/teams-message.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `0b5f1c2e-7d4a-4c1b-9e3f-${String(n).padStart(12, '0')}`;
const LONG = (max: number) => `Hei! Vedlagt er klagen fra naboen i sak 2026/1234 *som vi snakket om* [her](https://example.no). ${'Den kom på e-post til meg i går og må journalføres i saken før fristen. '.repeat(80)}`.slice(0, max);
const AUTHOR = 'Kari Nordmann-Johannessen Øvrebø (Plan- og bygningsetaten)';
const LINK = `https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1732612345678?tenantId=${ID(9)}&groupId=${ID(8)}&parentMessageId=1732612345678&teamName=Plan&channelName=Generelt&createdTime=1732612345678`;
const FILES = Array.from({ length: TEAMS_MESSAGE_LIMITS.files }, (_, i) => `Klage fra nabo – gnr. 12 bnr. 345 – vedlegg ${i + 1} av ${TEAMS_MESSAGE_LIMITS.files}.pdf`);
const SUBJECT_AREAS = Array.from({ length: 40 }, (_, i) => ({ id: ID(100 + i), name: `Fagområde nummer ${i + 1} med et langt navn (plan, bygg og oppmåling)` }));

/** The message actions' dialogs (empty, full, with every problem), and the support cards of a henvendelse made from a message. */
export function addMessageActionCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const systemName = t('app.archiveSystem');
  const base = { intakeKey: ID(1), subjectAreas: SUBJECT_AREAS, systemName };
  const full = { text: LONG(INTAKE_LIMITS.what), author: AUTHOR, fileNames: FILES };
  const values = { note: LONG(MESSAGE_FORM_LIMITS.note), category: 'feilmelding', subjectAreaId: ID(139), reference: '2026/1234567-12345', urgency: 'kritisk' };
  const problems: MessageActionView['problems'] = [
    ...MESSAGE_FORM_FIELDS.map((field) => ({ field, problem: 'unknown' as const })),
    { field: 'note', problem: 'required' },
    { field: 'note', problem: 'tooLong', max: MESSAGE_FORM_LIMITS.note },
    { field: 'reference', problem: 'format' },
  ];
  for (const action of ['createRequest', 'sendToArchive'] as const) {
    add('message-action-card.ts', `${locale} ${action}, a long message with files`, messageActionCard({ ...base, action, message: full }, t));
    add('message-action-card.ts', `${locale} ${action}, a message with no text, author or files`, messageActionCard({ ...base, action, message: { text: '', author: null, fileNames: [] } }, t));
    add('message-action-card.ts', `${locale} ${action}, every answer at its limit and every problem`, messageActionCard({ ...base, action, message: full, values, problems }, t));
  }

  const source = { author: AUTHOR, link: LINK };
  const what = LONG(INTAKE_LIMITS.what);
  add(
    'request-confirmation-card.ts',
    `${locale} made from a Teams message`,
    requestConfirmationCard(
      {
        request: { id: ID(2), number: 'BS-2026-00043', status: 'ny', category: 'journalforing', urgency: 'normal', subjectArea: null, reference: '2026/1234-3', what, source, version: 2, createdAt: new Date('2026-11-26T09:15:00Z') },
        locale,
        systemName,
        mineCommand: t('support.mine.title'),
      },
      t,
    ),
  );
  add(
    'queue-request-card.ts',
    `${locale} made from a Teams message with no author`,
    queueRequestCard(
      {
        request: {
          id: ID(2),
          number: 'BS-2026-00043',
          status: 'ny',
          category: 'journalforing',
          urgency: 'normal',
          subjectArea: null,
          reference: null,
          what,
          source: { author: null, link: LINK },
          who: null,
          result: null,
          requesterName: AUTHOR,
          requesterUpn: 'megan.bowen@eksempel.kommune.no',
          assignee: null,
          version: 2,
          members: [],
        },
        systemName,
      },
      t,
    ),
  );
}
