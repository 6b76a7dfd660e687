import { absenceCard, type AbsenceCardView } from '../../cards/absence-card.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `5e0b8a4c-2f1d-4b7a-8c3e-${String(n).padStart(12, '0')}`;

/** A year of absences, one a week: longer than anyone keeps, to bound the card's size. */
const MANY = Array.from({ length: 52 }, (_, week) => {
  const from = new Date(Date.UTC(2026, 11, 1 + week * 7)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(2026, 11, 5 + week * 7)).toISOString().slice(0, 10);
  return { id: ID(week), from, to };
});

export function addAbsenceCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const base: AbsenceCardView = {
    absences: [],
    locale,
    today: '2026-11-26',
    example: 'fravær 23.12–2.1',
    removeExample: 'fravær slett',
  };
  add('absence-card.ts', `${locale} nothing registered`, absenceCard(base, t));
  add(
    'absence-card.ts',
    `${locale} registered and joined, with the post address`,
    absenceCard(
      {
        ...base,
        absences: [{ id: ID(1), from: '2026-12-23', to: '2027-01-02' }],
        notice: { kind: 'registered', merged: true, from: '2026-12-23', to: '2027-01-02' },
        reminder: { postAddress: 'postmottak@eksempel.kommune.no' },
      },
      t,
    ),
  );
  add(
    'absence-card.ts',
    `${locale} registered one day, no post address`,
    absenceCard(
      { ...base, absences: [{ id: ID(1), from: '2026-12-04', to: '2026-12-04' }], notice: { kind: 'registered', merged: false, from: '2026-12-04', to: '2026-12-04' }, reminder: { postAddress: null } },
      t,
    ),
  );
  add('absence-card.ts', `${locale} a year of weekly absences`, absenceCard({ ...base, absences: MANY, notice: { kind: 'chooseToRemove' } }, t));
  add(
    'absence-card.ts',
    `${locale} deleted`,
    absenceCard({ ...base, notice: { kind: 'removed', removed: [{ from: '2026-12-23', to: '2027-01-02' }] } }, t),
  );
  add('absence-card.ts', `${locale} already deleted`, absenceCard({ ...base, notice: { kind: 'alreadyRemoved' } }, t));
  add('absence-card.ts', `${locale} unchanged`, absenceCard({ ...base, notice: { kind: 'unchanged', from: '2026-12-23', to: '2027-01-02' } }, t));
  add('absence-card.ts', `${locale} a problem with the dates`, absenceCard({ ...base, notice: { kind: 'problem', text: t('absence.problem.tooLong', { days: 400 }) } }, t));
}
