import type { AdaptiveCard } from '../../cards/card-kit.js';
import { rolloutAdminCard, rolloutCard, rolloutSentCard } from '../../cards/rollout-card.js';
import type { Locale, Translate } from '../../i18n/index.js';

const LONG_TEXT = `Vi tar i bruk nytt sak- og arkivsystem fra torsdag. ${'Les veiledningen på intranettet før du logger inn første gang. '.repeat(15)}`.slice(0, 1000);
const ROLLOUT = { from: '2026-10-29', to: '2026-11-06', text: LONG_TEXT };
const SESSION = {
  id: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  title: `Spørretime – felles oppstart ${'og oppfølging '.repeat(12)}`.slice(0, 200),
  startsAt: new Date('2026-10-29T08:00:00Z'),
  endsAt: new Date('2026-10-29T09:00:00Z'),
  anonymousAllowed: true,
};
const QUESTION = 'Hvordan journalfører jeg en e-post med vedlegg i det nye systemet? '.repeat(14).slice(0, 1000);

export function addRolloutCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const searchExample = 'søk journalføre e-post';
  add('rollout-card.ts', `${locale} next session, anonymous allowed, question filled in`, rolloutCard({ rollout: ROLLOUT, session: SESSION, question: QUESTION, locale, searchExample }, t));
  add('rollout-card.ts', `${locale} in a message action's dialog`, rolloutCard({ rollout: ROLLOUT, session: { ...SESSION, anonymousAllowed: false }, locale, searchExample, mode: 'dialog' }, t));
  add('rollout-card.ts', `${locale} no session set up, no text`, rolloutCard({ rollout: { ...ROLLOUT, text: null }, session: null, locale, searchExample }, t));
  add('rollout-card.ts', `${locale} question sent`, rolloutSentCard({ session: SESSION, question: QUESTION, locale }, t));
  const admin = { today: '2026-10-28', locale, example: 'innføring 29.10–6.11 Vi tar i bruk nytt sak- og arkivsystem.' };
  add('rollout-card.ts', `${locale} administrator, none set`, rolloutAdminCard({ ...admin, rollout: null, current: false }, t));
  add('rollout-card.ts', `${locale} administrator, just set`, rolloutAdminCard({ ...admin, rollout: ROLLOUT, current: false, notice: { kind: 'set' } }, t));
  add('rollout-card.ts', `${locale} administrator, going on, a problem`, rolloutAdminCard({ ...admin, rollout: ROLLOUT, current: true, notice: { kind: 'problem', text: 'Datoen «31.4» finnes ikke. Ingenting er endret.' } }, t));
  add('rollout-card.ts', `${locale} administrator, ended`, rolloutAdminCard({ ...admin, rollout: null, current: false, notice: { kind: 'ended' } }, t));
}
