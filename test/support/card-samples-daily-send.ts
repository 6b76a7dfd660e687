import { dailySendCard } from '../../cards/daily-send-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { commandWord } from '../../domain/help/commands.js';
import type { Locale, Translate } from '../../i18n/index.js';

/** The answer to `send oppgaver nå`: a large organisation's run, one with nothing to send, one with cards too large. */
export function addDailySendCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const statusCommand = commandWord('statusUtsending', locale);
  const base = { date: '2026-11-28', locale, statusCommand };
  add('daily-send-card.ts', `${locale} queued`, dailySendCard({ ...base, composed: 50_000, queued: 41_234, alreadyQueued: 17, nothingToDo: 7_543, away: 1_206, tooLarge: 0 }, t));
  add('daily-send-card.ts', `${locale} too large`, dailySendCard({ ...base, composed: 300, queued: 280, alreadyQueued: 0, nothingToDo: 18, away: 2, tooLarge: 3 }, t));
  add('daily-send-card.ts', `${locale} nothing to send`, dailySendCard({ ...base, composed: 19, queued: 0, alreadyQueued: 0, nothingToDo: 19, away: 0, tooLarge: 0 }, t));
}
