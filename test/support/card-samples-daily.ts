import type { AdaptiveCard } from '../../cards/card-kit.js';
import { dailyActionCard } from '../../cards/daily-action-card.js';
import { dailyCard, dailyCardJson } from '../../cards/daily-card.js';
import type { DailyActOutcome } from '../../domain/daily/act-on-daily-card.js';
import { FORM_ACTIONS, type DailyActionForm, type FormActionKind, type PersonChoice } from '../../domain/daily/open-daily-action.js';
import { DAILY_ACTION_VERBS, DAILY_SECTION_KINDS, type DailyActionKind, type DailyCardView, type DailySection } from '../../domain/daily/daily-view.js';
import type { Locale, Translate } from '../../i18n/index.js';

const ID = (n: number) => `7d3f1c2a-9b4e-4c5d-8e6f-${String(n).padStart(12, '0')}`;
const LONG_TITLE = 'Søknad om dispensasjon fra reguleringsplan for oppføring av tilbygg til bolighus på gnr. 45 bnr. 112 – Kari Nordmann';
const ALL_ACTIONS = Object.keys(DAILY_ACTION_VERBS) as DailyActionKind[];

/** Every section full (ten items, three buttons each, long titles, merknader): the largest card one person can get. */
export function fullView(): DailyCardView {
  let n = 0;
  const sections: DailySection[] = DAILY_SECTION_KINDS.map((kind, index) => ({
    kind,
    ...(['unassigned', 'unitScreening', 'unitBacklog'].includes(kind) ? { unit: { id: ID(900), name: 'Plan- og bygningsetaten, seksjon for byggesak' } } : {}),
    ...(index % 3 === 0 ? { standingInFor: { id: ID(901), name: 'Kristine Amundsen-Berg' } } : {}),
    total: kind === 'unitBacklog' ? 57 : 23,
    items:
      kind === 'unitBacklog'
        ? []
        : Array.from({ length: 10 }, () => {
            n += 1;
            return {
              number: `2026/${10000 + n}-12`,
              title: LONG_TITLE,
              publicTitle: 'Søknad om dispensasjon fra reguleringsplan for oppføring av tilbygg til bolighus på gnr. 45 bnr. 112',
              date: '2026-10-30',
              type: 'I',
              status: 'J',
              forelopigSvar: kind === 'backlog',
              ...(kind === 'approvals' || kind === 'finalApproval' ? { sender: 'Kristine Amundsen-Berg', merknad: 'Se særlig punkt 3 om naboforhold og avstand til nabogrense.' } : {}),
              ...(kind === 'casesForClosing' ? { closable: n % 2 === 0 } : {}),
              actions: [0, 1, 2].map((offset) => {
                const action = ALL_ACTIONS[(n + offset) % ALL_ACTIONS.length]!;
                return { kind: action, verb: DAILY_ACTION_VERBS[action], data: { entryId: ID(n), version: 12 } };
              }),
            };
          }),
  }));
  return { person: { id: ID(1), aadObjectId: ID(2), name: 'Alex Wilber', locale: null }, date: '2026-11-26', away: false, whenEmpty: false, sections };
}

const PEOPLE: PersonChoice[] = Array.from({ length: 40 }, (_, n) => ({
  id: ID(2000 + n),
  name: `Saksbehandler Nummer ${n + 1} Amundsen-Berg`,
  subUnit: n % 3 === 0 ? null : { id: ID(3000 + (n % 3)), name: `Seksjon ${n % 3} for byggesak og oppmåling` },
}));

function form(kind: FormActionKind, people: PersonChoice[] = []): DailyActionForm {
  return { kind, ref: { entryId: ID(5) }, version: 3, number: '2026/10001-12', title: LONG_TITLE, publicTitle: 'Søknad om dispensasjon', currentDate: '2026-12-01', people, preselected: people[0]?.id ?? null };
}

const AT = new Date('2026-11-26T07:42:00Z');
const NOTICES: [string, DailyActOutcome][] = [
  ['distributed', { kind: 'fordel', outcome: 'done', number: '2026/10001-12', last: { action: 'distributed', by: { id: ID(1), name: 'Alex Wilber' }, at: AT }, to: PEOPLE[1]! }],
  ['already distributed by the deputy', { kind: 'fordel', outcome: 'alreadyDone', number: '2026/10001-12', last: { action: 'distributed', by: { id: ID(7), name: 'Kristine Amundsen-Berg' }, at: AT }, to: PEOPLE[2]! }],
  ['changed since the card', { kind: 'avskriv', outcome: 'alreadyDone', number: '2026/10001-12', last: null, to: null }],
];

export function addDailyCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void, locale: Locale, t: Translate): void {
  const full = fullView();
  // The largest card one person can get, with a button per action: drawn with fewer items per section to stay under the budget.
  add('daily-card.ts', `${locale} every section full, with actions`, dailyCard(full, { locale, audience: 'personal', actions: true }, t));
  add('daily-card.ts', `${locale} every section full, as the daily run stores it`, JSON.parse(dailyCardJson(full, { locale, audience: 'personal', actions: true }, t)) as AdaptiveCard);
  const withActions = { ...full, sections: full.sections.filter((section) => ['inbox', 'backlog', 'dueList', 'unassigned', 'approvals'].includes(section.kind)) };
  add('daily-card.ts', `${locale} five sections full, with actions`, dailyCard(withActions, { locale, audience: 'personal', actions: true }, t));
  for (const [name, notice] of NOTICES) add('daily-card.ts', `${locale} after an action: ${name}`, dailyCard(withActions, { locale, audience: 'personal', actions: true, notice }, t));
  for (const kind of FORM_ACTIONS) {
    const people = kind === 'fordel' || kind === 'omfordel' || kind === 'ikkeGodkjent' || kind === 'sendVidere' ? PEOPLE : [];
    add('daily-action-card.ts', `${locale} ${kind}`, dailyActionCard(form(kind, people), { personal: true }, t));
  }
  add('daily-action-card.ts', `${locale} avskriv refused (BU without a reply number)`, dailyActionCard(form('avskriv'), { personal: true, problem: t('archive.error.replyRequired') }, t));
  add('daily-action-card.ts', `${locale} fordel in a unit without caseworkers`, dailyActionCard(form('fordel'), { personal: true }, t));
  add('daily-card.ts', `${locale} every section full, in a group chat`, dailyCard(full, { locale, audience: 'shared', actions: false }, t));
  const empty: DailyCardView = { ...full, sections: [] };
  add('daily-card.ts', `${locale} nothing to do`, dailyCard(empty, { locale, audience: 'personal', actions: false }, t));
  add('daily-card.ts', `${locale} nothing to do, all-clear chosen`, dailyCard({ ...empty, whenEmpty: true }, { locale, audience: 'personal', actions: false, saved: true }, t));
  add('daily-card.ts', `${locale} away`, dailyCard({ ...empty, away: true }, { locale, audience: 'personal', actions: false }, t));
}
