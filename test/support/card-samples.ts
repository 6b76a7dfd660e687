import { LOCALES, translator } from '../../i18n/index.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { deliveryStatusCard } from '../../cards/delivery-status-card.js';
import { helpCard } from '../../cards/help-card.js';
import { queueChannelCard } from '../../cards/queue-channel-card.js';
import { reachEveryoneCard } from '../../cards/reach-everyone-card.js';
import { settingsCard } from '../../cards/settings-card.js';
import { welcomeCard } from '../../cards/welcome-card.js';
import { DELIVERY_STATUS_LIMITS, type DeliveryStatus } from '../../domain/delivery/delivery-status.js';
import { availableCommands, commandWord } from '../../domain/help/commands.js';
import { LINE_WORDS, QUEUE_LINES } from '../../domain/support/queue-command.js';
import { featureLines } from '../../domain/help/features.js';
import { ROLE_KEYS } from '../../domain/people/roles.js';
import { selfHelpCardSamples } from './card-samples-self-help.js';
import { addSupportCardSamples } from './support-card-samples.js';
import { addChannelCardSamples } from './card-samples-channel.js';
import { addReplyCardSamples } from './card-samples-reply.js';
import { addResolutionCardSamples } from './card-samples-resolution.js';
import { addMessageActionCardSamples } from './card-samples-message-actions.js';
import { addChatCardSamples } from './card-samples-chat.js';
import { addHandoverCardSamples } from './card-samples-handover.js';
import { addVisitCardSamples } from './card-samples-visit.js';
import { addAbsenceCardSamples } from './card-samples-absence.js';
import { addDailyCardSamples } from './card-samples-daily.js';
import { addDailySendCardSamples } from './card-samples-daily-send.js';
import { addQaExportCardSamples } from './card-samples-qa-export.js';
import { addQaModerationCardSamples } from './card-samples-qa-moderation.js';
import { addKbAdminCardSamples } from './card-samples-kb-admin.js';
import { addRolloutCardSamples } from './card-samples-rollout.js';
import { addQaSessionCardSamples } from './card-samples-qa-session.js';

const AT = new Date('2026-11-26T09:15:00Z');

/** An outbox with the longest lists the card shows, long reasons and names, and a pace over the limit. */
const BUSY_OUTBOX: DeliveryStatus = {
  waiting: { dueNow: 1_234, later: 56, sending: 90 },
  sentToday: 45_678,
  reachedToday: 9_876,
  failed: {
    total: 3_210,
    reasons: Array.from({ length: DELIVERY_STATUS_LIMITS.failureReasons }, (_, i) => ({
      reason: `503 ServiceUnavailable (gave up after 6 attempts) ${'x'.repeat(200)} ${i}`,
      count: 400 - i,
      latestAt: new Date(AT.getTime() - i * 60_000),
    })),
    moreReasons: 17,
  },
  unreachable: {
    total: 2_500,
    people: Array.from({ length: DELIVERY_STATUS_LIMITS.unreachablePeople }, (_, i) => ({
      name: `Kari Nordmann-Johannessen Øvrebø ${i}`,
      email: `kari.nordmann-johannessen.ovrebo.${i}@eksempel.kommune.no`,
      reason: i % 2 ? ('blocked' as const) : ('not_installed' as const),
      since: new Date(AT.getTime() - i * 3_600_000),
    })),
  },
  pace: { callsLastMinute: 1_850, busiestSecond: 31, allowedPerSecond: 30 },
};

const EMPTY_OUTBOX: DeliveryStatus = {
  waiting: { dueNow: 0, later: 0, sending: 0 },
  sentToday: 0,
  reachedToday: 0,
  failed: { total: 0, reasons: [], moreReasons: 0 },
  unreachable: { total: 0, people: [] },
  pace: { callsLastMinute: 0, busiestSecond: 0, allowedPerSecond: 30 },
};

/**
 * Every card the project can produce, keyed by the file in cards/ that makes it, in every
 * language and in its largest realistic shape. test/cards.test.ts fails when a card file has
 * no samples here.
 */
export function cardSamples(): Record<string, { name: string; card: AdaptiveCard }[]> {
  const samples: Record<string, { name: string; card: AdaptiveCard }[]> = {};
  const add = (file: string, name: string, card: AdaptiveCard) => (samples[file] ??= []).push({ name, card });

  for (const locale of LOCALES) {
    const t = translator(locale);
    const helpCommand = commandWord('hjelp', locale);
    add(
      'welcome-card.ts',
      `${locale} known`,
      welcomeCard({ name: 'Kari Nordmann', systemName: 'Elements', features: featureLines({ roles: ROLE_KEYS, locale }), helpCommand }, t),
    );
    add(
      'welcome-card.ts',
      `${locale} unknown`,
      welcomeCard({ name: null, systemName: t('app.archiveSystem'), features: featureLines({ roles: [], member: false, locale }), helpCommand }, t),
    );
    add(
      'help-card.ts',
      `${locale} every role`,
      helpCard(
        {
          person: { name: 'Kari Nordmann', roles: ROLE_KEYS.map((role) => ({ role, unit: 'Økonomiavdelingen', subjectArea: 'Økonomi' })) },
          commands: availableCommands({ roles: ROLE_KEYS, scope: 'personal', locale }),
          channelCommands: availableCommands({ roles: ROLE_KEYS, scope: 'team', locale }),
          helpCommand,
        },
        t,
      ),
    );
    add(
      'help-card.ts',
      `${locale} unknown person`,
      helpCard({ person: { name: null, roles: [] }, commands: availableCommands({ roles: [], member: false, scope: 'personal', locale }), helpCommand }, t),
    );
    add(
      'help-card.ts',
      `${locale} channel or group chat`,
      helpCard({ person: null, commands: availableCommands({ roles: null, scope: 'groupChat', locale }), helpCommand }, t),
    );
    add('settings-card.ts', `${locale} choose`, settingsCard({ locale, canSave: true }, t));
    add('settings-card.ts', `${locale} saved`, settingsCard({ locale, canSave: true, saved: { language: locale, at: '22.11.2026, 07:30' } }, t));
    add('settings-card.ts', `${locale} unknown person`, settingsCard({ locale, canSave: false }, t));
    const reachCommand = commandWord('naAlle', locale);
    add('delivery-status-card.ts', `${locale} every list full, over the pace`, deliveryStatusCard({ status: BUSY_OUTBOX, at: AT, locale, reachCommand }, t));
    add('delivery-status-card.ts', `${locale} empty outbox`, deliveryStatusCard({ status: EMPTY_OUTBOX, at: AT, locale, reachCommand }, t));
    const statusCommand = commandWord('statusUtsending', locale);
    add(
      'reach-everyone-card.ts',
      `${locale} queued`,
      reachEveryoneCard({ queued: 12_345, alreadyQueued: 20, alreadyConnected: 30_000, locale, statusCommand }, t),
    );
    const bindCommand = `${commandWord('kobleKo', locale)} ${LINE_WORDS.forstelinje[locale][0]}`;
    const by = { name: 'Kari Nordmann-Johannessen Øvrebø', at: AT };
    const longest = { line: 'prosessradgiver' as const, scope: 'Seksjon for dokumentasjonsforvaltning, arkiv og innsyn i Oppvekstetaten' };
    for (const line of QUEUE_LINES) {
      const queue = { line, scope: line === 'fagspesialist' ? 'Økonomi' : line === 'prosessradgiver' ? 'Økonomiavdelingen' : null };
      add('queue-channel-card.ts', `${locale} ${line} status`, queueChannelCard({ locale, state: 'status', queue, by, bindCommand }, t));
    }
    add(
      'queue-channel-card.ts',
      `${locale} bound, moved from a named channel, replacing another queue`,
      queueChannelCard({ locale, state: 'bound', queue: longest, by, movedFrom: { channelName: 'Arkivet – henvendelser fra hele kommunen' }, replaced: { line: 'forstelinje', scope: null }, bindCommand }, t),
    );
    add('queue-channel-card.ts', `${locale} bound, moved from a channel without a name`, queueChannelCard({ locale, state: 'bound', queue: longest, by, movedFrom: { channelName: null }, bindCommand }, t));
    add('queue-channel-card.ts', `${locale} already`, queueChannelCard({ locale, state: 'already', queue: longest, by, bindCommand }, t));
    add('queue-channel-card.ts', `${locale} unbound`, queueChannelCard({ locale, state: 'unbound', queue: longest, by, bindCommand }, t));
    add('queue-channel-card.ts', `${locale} no queue`, queueChannelCard({ locale, state: 'none', bindCommand }, t));
    add('queue-channel-card.ts', `${locale} no queue to unbind`, queueChannelCard({ locale, state: 'none', unchanged: true, bindCommand }, t));
    add('reach-everyone-card.ts', `${locale} nobody to reach`, reachEveryoneCard({ queued: 0, alreadyQueued: 0, alreadyConnected: 19, locale, statusCommand }, t));
    addSupportCardSamples(add, locale, t);
    addChannelCardSamples(add, locale, t);
    addReplyCardSamples(add, locale, t);
    addResolutionCardSamples(add, locale, t);
    addMessageActionCardSamples(add, locale, t);
    addChatCardSamples(add, locale, t);
    addHandoverCardSamples(add, locale, t);
    addVisitCardSamples(add, locale, t);
    addAbsenceCardSamples(add, locale, t);
    addDailySendCardSamples(add, locale, t);
    addQaExportCardSamples(add, locale, t);
    addQaModerationCardSamples(add, locale, t);
    addQaSessionCardSamples(add, locale, t);
    addDailyCardSamples(add, locale, t);
    addKbAdminCardSamples(add, locale, t);
    addRolloutCardSamples(add, locale, t);
  }
  selfHelpCardSamples(add);
  return samples;
}
