import type { ArchiveAction } from '../domain/archive/port.js';
import type { DailyActOutcome } from '../domain/daily/act-on-daily-card.js';
import type { DailyAction, DailyCardView, DailyItem, DailySection } from '../domain/daily/daily-view.js';
import type { Locale, Translate } from '../i18n/index.js';
import { formatDay } from './absence-card.js';
import { cardJson, done, doneJson, execute, executeJsonHead, heading, jsonFields, textJson, warning, warningJson, type AdaptiveCard, type CardElement } from './card-kit.js';
import { formatTime } from './support-kit.js';

/** The card's own verb (the entries' actions are DAILY_ACTION_VERBS): the person's «send me the card also when all is done». */
export const DAILY_CARD_VERBS = { whenEmpty: 'daily.whenEmpty' } as const;

export interface DailyCardOptions {
  locale: Locale;
  /**
   * `personal`: the person's own 1:1 chat, with full titles of screened entries. `shared`: any
   * other conversation, where everyone sees the card: public titles, and no one's name or merknad.
   */
  audience: 'personal' | 'shared';
  /**
   * Show the actions of the view model as buttons: in the person's own 1:1 chat (the daily run's
   * card and `oppgaver` there). Elsewhere the card is for reading: everyone there sees it.
   */
  actions: boolean;
  /** Right after «send me the card also when all is done» was changed: what is stored now. */
  saved?: boolean;
  /** Right after a card action: what it did, or who had done it already. */
  notice?: DailyActOutcome;
}

const SPEAK_BUDGET = 170;
/**
 * Teams refuses messages above about 100 KB (STACK.md: keep under 80). A card over this budget
 * is drawn again with fewer items per section (each still says «og N til»), so no card is refused.
 */
export const DAILY_CARD_BUDGET_BYTES = 60 * 1024;
const ITEM_CAPS = [10, 5, 3, 1];

/** «Mine oppgaver» as a card, with as many items per section as fit the budget (the card `dailyCardJson` writes). */
export function dailyCard(view: DailyCardView, options: DailyCardOptions, t: Translate): AdaptiveCard {
  return JSON.parse(dailyCardJson(view, options, t)) as AdaptiveCard;
}

/**
 * The card as JSON, as the daily run stores it: written as JSON rather than built as objects and
 * then serialised (50,000 cards of up to a hundred items each a morning; bench/daily-compose.ts).
 * The JSON it measures is the JSON it returns.
 */
export function dailyCardJson(view: DailyCardView, options: DailyCardOptions, t: Translate): string {
  let json = drawDailyCard(view, options, t);
  for (const cap of ITEM_CAPS.slice(1)) {
    // A UTF-8 byte is at most three UTF-16 units: most cards need no counting.
    if (json.length * 3 <= DAILY_CARD_BUDGET_BYTES || Buffer.byteLength(json) <= DAILY_CARD_BUDGET_BYTES) break;
    json = drawDailyCard(withItemCap(view, cap), options, t);
  }
  return json;
}

const withItemCap = (view: DailyCardView, cap: number): DailyCardView => ({
  ...view,
  sections: view.sections.map((section) => ({ ...section, items: section.items.slice(0, cap) })),
});

/** «Mine oppgaver»: one personal card per day, a section per list, the oldest ten of each and «og N til». */
function drawDailyCard(view: DailyCardView, options: DailyCardOptions, t: Translate): string {
  const date = formatDay(view.date, options.locale);
  const body: string[] = [JSON.stringify(heading(t('daily.card.title', { date })))];
  if (options.saved !== undefined) body.push(JSON.stringify(done(t(options.saved ? 'daily.card.whenEmptySavedOn' : 'daily.card.whenEmptySavedOff'))));
  if (options.notice) body.push(JSON.stringify(noticeLine(options.notice, options, t)));
  const footer = options.audience === 'personal' && !view.away ? [whenEmptyToggle(view.whenEmpty, t)] : [];

  if (view.away) {
    body.push(textJson(t('daily.card.paused')));
    return cardJson(t('daily.card.paused'), body);
  }
  if (view.sections.length === 0) {
    body.push(textJson(t('daily.card.empty')));
    return cardJson(t('daily.card.empty'), body, footer);
  }
  for (const section of view.sections) body.push(sectionContainer(section, options, t));
  return cardJson(speakOf(view, date, t), body, footer);
}

/** Where an entry went is part of what was done for these. */
const WENT_TO: readonly ArchiveAction[] = ['distributed', 'redistributed', 'forwarded', 'notApproved', 'approved'];

/**
 * After an action: «2026/12-1: fordelt til Kari Nordmann. Gjort av deg 26.11.2026, 08:12.», or
 * when someone was first: «2026/12-1: allerede fordelt til Kari Nordmann av Per Leder …».
 */
function noticeLine(notice: DailyActOutcome, options: DailyCardOptions, t: Translate): CardElement {
  const { last } = notice;
  if (!last) return warning(t('daily.notice.changed', { number: notice.number }));
  const did = t(`daily.did.${last.action}`);
  const to = notice.to && WENT_TO.includes(last.action) ? t('daily.notice.to', { name: notice.to.name }) : '';
  const time = formatTime(last.at, options.locale);
  if (notice.outcome === 'done') return done(t('daily.notice.done', { number: notice.number, did, to, time }));
  const values = { number: notice.number, did, to, time };
  return warning(last.by ? t('daily.notice.already', { ...values, name: last.by.name }) : t('daily.notice.alreadyNoName', values));
}

function whenEmptyToggle(whenEmpty: boolean, t: Translate): CardElement {
  return execute(t(whenEmpty ? 'daily.card.whenEmptyOff' : 'daily.card.whenEmptyOn'), DAILY_CARD_VERBS.whenEmpty, { whenEmpty: !whenEmpty });
}

function sectionTitle(section: DailySection, options: DailyCardOptions, t: Translate): string {
  const name = t(`daily.card.section.${section.kind}`);
  const title = section.unit ? t('daily.card.unitHeading', { section: name, unit: section.unit.name }) : name;
  if (!section.standingInFor) return title;
  const marker = options.audience === 'personal' ? t('daily.card.standingInFor', { name: section.standingInFor.name }) : t('daily.card.standingIn');
  return `${title} (${marker})`;
}

/** The fixed options of the card's text blocks, as JSON once (`textJson`). */
const FIELDS = {
  sectionHeading: jsonFields({ style: 'heading', size: 'Medium', weight: 'Bolder' }),
  none: jsonFields({ spacing: 'None' }),
  small: jsonFields({ spacing: 'Small' }),
  more: jsonFields({ isSubtle: true, spacing: 'Small' }),
  note: jsonFields({ spacing: 'None', size: 'Small' }),
  subtleNote: jsonFields({ spacing: 'None', size: 'Small', isSubtle: true }),
};

function sectionContainer(section: DailySection, options: DailyCardOptions, t: Translate): string {
  const title = sectionTitle(section, options, t);
  // A heading per section: screen readers jump between them.
  let items = textJson(section.kind === 'unitBacklog' ? title : `${title} (${section.total})`, FIELDS.sectionHeading);
  if (section.kind === 'unitBacklog') {
    items += `,${textJson(section.total === 1 ? t('daily.card.unitBacklogOne') : t('daily.card.unitBacklogCount', { count: section.total }), FIELDS.none)}`;
  }
  for (const item of section.items) items += itemElements(section, item, options, t);
  const rest = section.total - section.items.length;
  if (rest > 0 && section.kind !== 'unitBacklog') items += `,${textJson(t('daily.card.more', { count: rest }), FIELDS.more)}`;
  return `{"type":"Container","spacing":"Large","separator":true,"items":[${items}]}`;
}

const DATE_KEYS = {
  dueList: 'daily.card.due',
  dueDatesToEnter: 'daily.card.received',
  obsCases: 'daily.card.obs',
  decisions: 'daily.card.decided',
} as const;

/** An item's elements as JSON, each after a comma (they follow the section's heading). */
function itemElements(section: DailySection, item: DailyItem, options: DailyCardOptions, t: Translate): string {
  const title = options.audience === 'personal' ? item.title : item.publicTitle;
  const dateKey = section.kind in DATE_KEYS ? DATE_KEYS[section.kind as keyof typeof DATE_KEYS] : 'daily.card.received';
  const line = item.date ? `**${item.number}** · ${t(dateKey, { date: shortDate(item.date) })} · ${title}` : `**${item.number}** · ${title}`;
  let elements = `,${textJson(line, FIELDS.small)}`;
  if (item.forelopigSvar) elements += `,${warningJson(t('daily.card.forelopigSvar'), FIELDS.note)}`;
  if (item.forelopigSvarSent) elements += `,${textJson(t('daily.card.forelopigSvarSent'), FIELDS.subtleNote)}`;
  if (item.sender && options.audience === 'personal') {
    const line = item.merknad ? t('daily.card.merknad', { name: item.sender, merknad: item.merknad }) : t('daily.card.sentBy', { name: item.sender });
    elements += `,${textJson(line, FIELDS.subtleNote)}`;
  }
  if (item.closable !== undefined) {
    elements += `,${item.closable ? doneJson(t('daily.card.closable'), FIELDS.note) : textJson(t('daily.card.notClosable'), FIELDS.note)}`;
  }
  if (options.actions && item.actions.length > 0) {
    const heads = buttonHeads(t);
    let actions = '';
    for (const action of item.actions) {
      let head = heads.get(action.kind);
      if (head === undefined) heads.set(action.kind, (head = executeJsonHead(t(`daily.card.action.${action.kind}`), action.verb)));
      actions += `${actions === '' ? '' : ','}${head}${JSON.stringify(action.data)}}`;
    }
    elements += `,{"type":"ActionSet","spacing":"None","actions":[${actions}]}`;
  }
  return elements;
}

/**
 * Each kind of button's JSON up to its data (`executeJsonHead`), per translator: a morning run
 * draws millions of buttons of fourteen kinds (bench/daily-compose.ts).
 */
const BUTTON_HEADS = new WeakMap<Translate, Map<DailyAction['kind'], string>>();
function buttonHeads(t: Translate): Map<DailyAction['kind'], string> {
  let heads = BUTTON_HEADS.get(t);
  if (!heads) BUTTON_HEADS.set(t, (heads = new Map()));
  return heads;
}

/** `2026-11-02` → `02.11.2026`: the numeric form Norwegian archives write. */
function shortDate(date: string): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

function speakOf(view: DailyCardView, date: string, t: Translate): string {
  const parts: string[] = [];
  for (const section of view.sections) {
    const part = t('daily.card.speakPart', { section: t(`daily.card.section.${section.kind}`), count: section.total });
    if (parts.join(', ').length + part.length > SPEAK_BUDGET) {
      parts.push('…');
      break;
    }
    parts.push(part);
  }
  return t('daily.card.speak', { date, summary: parts.join(', ') });
}
