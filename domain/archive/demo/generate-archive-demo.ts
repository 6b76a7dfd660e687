/**
 * The deterministic demo-data generator: the same seed, organisation and day give the same cases,
 * entries, approval steps and decisions. It yields one case at a time, so the large benchmark
 * sets (1,000,000 entries) are written in batches without holding them all.
 *
 * The mix is chosen so that every section of the daily card has something: unassigned entries
 * for every unit, the archive's entries to distribute, inbox, backlog (overdue and due soon),
 * enkeltvedtak cases near the month of forvaltningsloven § 11 a (with and without a foreløpig
 * svar ***), drafts (R), approvals in every step of a saksframlegg (SU/F, RE/G, KL/F) and of a
 * letter, provisionally screened entries (XX), parties screened under offentleglova § 13, the
 * archive's control lists, OBS dates around today, and decisions to follow up.
 */
import { addDays } from '../rules.js';
import type {
  Avskrivningsmate,
  Behandlingsstatus,
  Flytstatus,
  IsoDate,
  Journalposttype,
  Journalstatus,
  OffentleglovaHjemmel,
  Saksstatus,
  SkjermetFelt,
  Tilgangskode,
} from '../vocabulary.js';
import { CASE_THEMES, FIRST_NAMES, GOODS, LAST_NAMES, POLITICAL, SAKSFRAMLEGG_TOPICS, STREETS, TOPICS, type CaseTheme } from './demo-titles.js';
import { seededRandom, type Random } from './prng.js';

/** A unit as the generator sees it (in code order, so the data does not depend on database ids). */
export interface DemoUnit {
  id: string;
  code: string;
  name: string;
  /** Its parent, when the parent is itself under another unit (a seksjon under an avdeling). */
  parentId: string | null;
  /** Who approves its letters: its leader, else its parent's. */
  approverId: string | null;
  caseworkerIds: string[];
}

export interface DemoContext {
  /** Units with at least one caseworker. */
  units: DemoUnit[];
  topApproverId: string | null;
  archivistIds: string[];
}

/** What each entry is for; the daily card section it feeds. Parties screened under § 13 come in every kind. */
export const DEMO_KINDS = [
  'unassigned',
  'toDistribute',
  'inbox',
  'backlog',
  'overdue',
  'dueSoon',
  'forelopigSvarDue',
  'forelopigSvarSent',
  'writtenOff',
  'reply',
  'draft',
  'letterForApproval',
  'saksframleggSU',
  'saksframleggRE',
  'saksframleggKL',
  'provisional',
  'toRegisterFinally',
  'dispatched',
  'needsDueDate',
  'note',
  'xNote',
] as const;
export type DemoKind = (typeof DEMO_KINDS)[number];

export interface DemoEntry {
  kind: DemoKind;
  sequence: number;
  title: string;
  publicTitle: string | null;
  type: Journalposttype;
  status: Journalstatus;
  unitId: string | null;
  subUnitId: string | null;
  caseworkerId: string | null;
  assignedAt: Date | null;
  receivedDate: IsoDate;
  dueDate: IsoDate | null;
  needsDueDate: boolean;
  accessCode: Tilgangskode | null;
  legalBasis: OffentleglovaHjemmel | null;
  screenedFields: SkjermetFelt[];
  behandlingsstatus: Behandlingsstatus | null;
  writeOff: { method: Avskrivningsmate; date: IsoDate; byId: string; replyIndex: number | null } | null;
}

export interface DemoStep {
  /** Index of the entry in its case's `entries`. */
  entryIndex: number;
  chain: number;
  order: number;
  approverId: string;
  senderId: string;
  flytstatus: Flytstatus;
  merknad: string | null;
  decidedAt: Date | null;
  decidedById: string | null;
}

export interface DemoDecision {
  entryIndex: number | null;
  title: string;
  decidedDate: IsoDate;
  responsibleId: string;
}

export interface DemoCase {
  year: number;
  sequence: number;
  title: string;
  publicTitle: string | null;
  status: Saksstatus;
  unitId: string;
  saksansvarligId: string | null;
  obsDate: IsoDate | null;
  enkeltvedtak: boolean;
  entries: DemoEntry[];
  steps: DemoStep[];
  decisions: DemoDecision[];
}

export interface GenerateOptions {
  seed: string | number;
  /** How many entries in all. */
  entries: number;
  /** The day the data is made for (Europe/Oslo): every date is counted from it. */
  today: IsoDate;
  /** The instant of `today`'s run (assignments of the inbox are just before it). */
  now: Date;
  /** The last saksnummer already taken per year (the new cases follow it). */
  lastSequence?: (year: number) => number;
}

type Scenario =
  | 'unassigned'
  | 'toDistribute'
  | 'inbox'
  | 'backlog'
  | 'overdue'
  | 'dueSoon'
  | 'forelopigSvar'
  | 'answered'
  | 'decision'
  | 'draft'
  | 'letterForApproval'
  | 'saksframleggSU'
  | 'saksframleggRE'
  | 'saksframleggKL'
  | 'provisional'
  | 'toRegisterFinally'
  | 'needsDueDate'
  | 'notes'
  | 'reserved'
  | 'closing';

/** Scenarios and how often they come after the first round (which has each once). */
const WEIGHTS: readonly [Scenario, number][] = [
  ['unassigned', 8],
  ['toDistribute', 3],
  ['inbox', 6],
  ['backlog', 14],
  ['overdue', 8],
  ['dueSoon', 8],
  ['forelopigSvar', 6],
  ['answered', 12],
  ['decision', 5],
  ['draft', 5],
  ['letterForApproval', 4],
  ['saksframleggSU', 2],
  ['saksframleggRE', 2],
  ['saksframleggKL', 1],
  ['provisional', 5],
  ['toRegisterFinally', 3],
  ['needsDueDate', 2],
  ['notes', 3],
  ['reserved', 1],
  ['closing', 2],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
/** Entries each scenario makes; when fewer remain, a one-entry backlog case fills up. */
const SIZE: Record<Scenario, number> = {
  unassigned: 1, toDistribute: 1, inbox: 1, backlog: 1, overdue: 1, dueSoon: 1, forelopigSvar: 2, answered: 2, decision: 3, draft: 2,
  letterForApproval: 2, saksframleggSU: 1, saksframleggRE: 1, saksframleggKL: 1, provisional: 1, toRegisterFinally: 2, needsDueDate: 1,
  notes: 2, reserved: 1, closing: 2,
};

function pickScenario(random: Random): Scenario {
  let roll = random.next() * TOTAL_WEIGHT;
  for (const [scenario, weight] of WEIGHTS) {
    roll -= weight;
    if (roll < 0) return scenario;
  }
  return 'backlog';
}

const personName = (random: Random) => `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;

function fill(template: string, random: Random, unit: DemoUnit, name: string): string {
  return template
    .replaceAll('{navn}', name)
    .replaceAll('{adresse}', `${random.pick(STREETS)} ${random.int(1, 60)}`)
    .replaceAll('{vare}', random.pick(GOODS))
    .replaceAll('{politisk}', random.pick(POLITICAL))
    .replaceAll('{tema}', random.pick(TOPICS))
    .replaceAll('{enhet}', unit.name);
}

/** The public title: the party's name screened with ***** (offentleglova § 13). */
const screen = (title: string, name: string) => title.replaceAll(name, '*****');

/** Cases one at a time, `entries` entries in all. */
export function* generateArchiveDemo(context: DemoContext, options: GenerateOptions): Generator<DemoCase> {
  const units = [...context.units].sort((a, b) => a.code.localeCompare(b.code));
  if (units.length === 0 || options.entries <= 0) return;
  const random = seededRandom(options.seed);
  const sequences = new Map<number, number>();
  const nextNumber = (year: number) => {
    const next = (sequences.get(year) ?? options.lastSequence?.(year) ?? 0) + 1;
    sequences.set(year, next);
    return next;
  };
  const scenarios = WEIGHTS.map(([scenario]) => scenario);
  let remaining = options.entries;
  for (let index = 0; remaining > 0; index += 1) {
    const unit = units[index % units.length]!;
    // First every unit gets an unassigned entry, then every scenario comes once, then by weight.
    let scenario: Scenario = index < units.length ? 'unassigned' : index < units.length + scenarios.length ? scenarios[index - units.length]! : pickScenario(random);
    if (SIZE[scenario] > remaining) scenario = 'backlog';
    const made = makeCase(scenario, unit, context, random, options, nextNumber);
    remaining -= made.entries.length;
    yield made;
  }
}

function makeCase(
  scenario: Scenario,
  unit: DemoUnit,
  context: DemoContext,
  random: Random,
  options: GenerateOptions,
  nextNumber: (year: number) => number,
): DemoCase {
  const { today, now } = options;
  const themes = CASE_THEMES.filter((theme) => theme.units.includes(unit.code));
  let theme: CaseTheme = random.pick(themes.length > 0 && random.chance(0.8) ? themes : CASE_THEMES);
  if (scenario === 'forelopigSvar' && !theme.enkeltvedtak) theme = random.pick(CASE_THEMES.filter((t) => t.enkeltvedtak));
  const name = personName(random);
  const caseworkerId = random.pick(unit.caseworkerIds);
  const ago = (days: number) => addDays(today, -days);
  const received = ago(random.int(2, 40));
  const year = Number(received.slice(0, 4));
  // An entry of a seksjon is the avdeling's, with the seksjon as its sub-unit, so both leaders see it.
  const placement = unit.parentId ? { unitId: unit.parentId, subUnitId: unit.id } : { unitId: unit.id, subUnitId: null };
  const screened = theme.screened;
  const titled = (template: string) => {
    const title = fill(template, random, unit, name);
    return screened && title.includes(name) ? { title, publicTitle: screen(title, name) } : { title, publicTitle: null };
  };
  const access = (title: { publicTitle: string | null }) =>
    screened && title.publicTitle
      ? { accessCode: screened as Tilgangskode, legalBasis: '13' as OffentleglovaHjemmel, screenedFields: ['tittel', 'korrespondansepart'] as SkjermetFelt[] }
      : { accessCode: null, legalBasis: null, screenedFields: [] as SkjermetFelt[] };
  const caseTitle = titled(theme.caseTitle);
  const kase: DemoCase = {
    year,
    sequence: nextNumber(year),
    ...caseTitle,
    status: 'B',
    unitId: unit.id,
    saksansvarligId: caseworkerId,
    obsDate: random.chance(0.3) ? addDays(today, random.int(-10, 20)) : null,
    enkeltvedtak: theme.enkeltvedtak,
    entries: [],
    steps: [],
    decisions: [],
  };
  const entry = (kind: DemoKind, template: string, fields: Partial<DemoEntry>): number => {
    const title = titled(template);
    kase.entries.push({
      kind,
      sequence: kase.entries.length + 1,
      ...title,
      type: 'I',
      status: 'J',
      ...placement,
      caseworkerId,
      assignedAt: new Date(Date.parse(`${received}T08:00:00Z`) + 3_600_000),
      receivedDate: received,
      dueDate: null,
      needsDueDate: false,
      ...access(title),
      behandlingsstatus: null,
      writeOff: null,
      ...fields,
    } as DemoEntry);
    return kase.entries.length - 1;
  };
  const incoming = (kind: DemoKind, fields: Partial<DemoEntry> = {}) => entry(kind, theme.incoming, fields);
  const outgoing = (kind: DemoKind, template: string, fields: Partial<DemoEntry> = {}) => {
    const sent = addDays(received, random.int(1, 5));
    return entry(kind, template, { type: 'U', status: 'E', receivedDate: sent > today ? today : sent, ...fields });
  };
  /** Writes off `request` with `reply` (its date is the reply's). */
  const answer = (request: number, reply: number, method: Avskrivningsmate) => {
    kase.entries[request]!.writeOff = { method, date: kase.entries[reply]!.receivedDate, byId: caseworkerId, replyIndex: method === '***' ? null : reply };
  };
  const approver = unit.approverId ?? context.topApproverId;
  const step = (entryIndex: number, order: number, approverId: string, senderId: string, flytstatus: Flytstatus, merknad: string | null) =>
    kase.steps.push({
      entryIndex,
      chain: 1,
      order,
      approverId,
      senderId,
      flytstatus,
      merknad,
      decidedAt: flytstatus === 'V' ? null : new Date(now.getTime() - random.int(1, 72) * 3_600_000),
      decidedById: flytstatus === 'V' ? null : approverId,
    });

  switch (scenario) {
    case 'unassigned':
      incoming('unassigned', { caseworkerId: null, assignedAt: null, status: random.chance(0.5) ? 'M' : 'J', receivedDate: ago(random.int(0, 3)) });
      kase.saksansvarligId = null;
      break;
    case 'toDistribute':
      incoming('toDistribute', { unitId: null, subUnitId: null, caseworkerId: null, assignedAt: null, status: 'M', receivedDate: ago(random.int(0, 2)) });
      kase.saksansvarligId = null;
      break;
    case 'inbox':
      incoming('inbox', { receivedDate: ago(1), assignedAt: new Date(now.getTime() - random.int(1, 15) * 3_600_000) });
      break;
    case 'backlog':
      incoming('backlog');
      break;
    case 'overdue':
      // Received well before its deadline, which has passed.
      incoming('overdue', { receivedDate: ago(random.int(15, 40)), dueDate: ago(random.int(1, 10)) });
      break;
    case 'dueSoon':
      incoming('dueSoon', { dueDate: addDays(today, random.int(0, 14)) });
      break;
    case 'forelopigSvar': {
      // § 11 a: about three to four weeks old; half have had their foreløpig svar (***) already.
      const receivedDate = ago(random.int(21, 29));
      const sent = random.chance(0.5);
      const request = incoming(sent ? 'forelopigSvarSent' : 'forelopigSvarDue', { receivedDate });
      if (sent) answer(request, outgoing('reply', 'Foreløpig svar – {navn}', { receivedDate: addDays(receivedDate, 3) }), '***');
      if (!sent) outgoing('draft', theme.reply, { status: 'R', receivedDate: today });
      kase.enkeltvedtak = true;
      break;
    }
    case 'answered': {
      answer(incoming('writtenOff'), outgoing('reply', theme.reply), 'BU');
      break;
    }
    case 'decision': {
      const request = incoming('writtenOff');
      outgoing('dispatched', theme.reply, { status: 'E' });
      const letter = outgoing('reply', theme.decision, { status: 'E' });
      answer(request, letter, 'BU');
      kase.decisions.push({ entryIndex: letter, title: fill(theme.decision, random, unit, name), decidedDate: kase.entries[letter]!.receivedDate, responsibleId: caseworkerId });
      break;
    }
    case 'draft':
      incoming('backlog');
      outgoing('draft', theme.reply, { status: 'R', receivedDate: today });
      break;
    case 'letterForApproval': {
      incoming('backlog');
      const letter = outgoing('letterForApproval', theme.decision, { status: 'R', receivedDate: today });
      if (approver) step(letter, 1, approver, caseworkerId, 'V', 'Til godkjenning');
      break;
    }
    case 'saksframleggSU':
    case 'saksframleggRE':
    case 'saksframleggKL': {
      const top = context.topApproverId;
      const topic = random.pick(SAKSFRAMLEGG_TOPICS);
      if (!approver || !top || approver === top) {
        incoming('backlog');
        break;
      }
      const stage = scenario === 'saksframleggSU' ? 'SU' : scenario === 'saksframleggRE' ? 'RE' : 'KL';
      const index = entry(scenario, `Saksframlegg – ${topic}`, {
        type: 'S',
        status: stage === 'RE' ? 'G' : 'F',
        behandlingsstatus: stage,
        receivedDate: ago(random.int(1, 10)),
        accessCode: null,
        legalBasis: null,
        screenedFields: [],
        publicTitle: null,
      });
      kase.title = `Politisk sak – ${topic}`;
      kase.publicTitle = null;
      step(index, 1, approver, caseworkerId, stage === 'SU' ? 'V' : 'G', 'Til godkjenning før utvalgsmøtet');
      if (stage !== 'SU') step(index, 2, top, approver, stage === 'RE' ? 'V' : 'G', 'Godkjent av leder, til endelig godkjenning');
      break;
    }
    case 'provisional':
      incoming('provisional', { accessCode: 'XX', legalBasis: null, screenedFields: [], publicTitle: null, status: 'S', receivedDate: ago(random.int(0, 5)) });
      break;
    case 'toRegisterFinally':
      incoming('backlog');
      outgoing('toRegisterFinally', theme.reply, { status: 'F' });
      break;
    case 'needsDueDate':
      incoming('needsDueDate', { needsDueDate: true });
      break;
    case 'notes':
      entry('note', `Notat – oppfølging av ${theme.caseTitle.split(' –')[0]!.toLowerCase()}`, { type: 'N', status: 'J', accessCode: null, legalBasis: null, screenedFields: [], publicTitle: null });
      entry('xNote', `Internt notat – ${theme.caseTitle.split(' –')[0]!.toLowerCase()}`, { type: 'X', status: 'F', accessCode: null, legalBasis: null, screenedFields: [], publicTitle: null });
      break;
    case 'reserved':
      kase.status = 'R';
      outgoing('draft', theme.reply, { status: 'R', receivedDate: today });
      break;
    case 'closing': {
      kase.status = 'F';
      kase.obsDate = null;
      // Every other case marked for closing still has an entry owed an answer, so it cannot close yet.
      const closable = random.chance(0.5);
      const request = incoming(closable ? 'writtenOff' : 'backlog');
      const letter = outgoing('reply', theme.decision, { status: 'J' });
      if (closable) answer(request, letter, 'BU');
      break;
    }
  }
  // OBS dates belong to open cases with a saksansvarlig.
  if (!kase.saksansvarligId || kase.status !== 'B') kase.obsDate = null;
  return kase;
}
