import type { ArchiveAction } from '../domain/archive/port.js';
import type { DailyActOutcome } from '../domain/daily/act-on-daily-card.js';
import type { DailyCardView, DailyItem, DailySection } from '../domain/daily/daily-view.js';
import type { Locale, Translate } from '../i18n/index.js';
import { formatDay } from './absence-card.js';
import { card, done, execute, heading, text, warning, type AdaptiveCard, type CardElement } from './card-kit.js';
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
const UNMEASURED_ITEMS = 40;

/** «Mine oppgaver» as a card, with as many items per section as fit the budget. */
export function dailyCard(view: DailyCardView, options: DailyCardOptions, t: Translate): AdaptiveCard {
  let drawn = drawDailyCard(view, options, t);
  // An item is at most about 1 KB (a long title, a merknad, three buttons): few items need no measuring.
  if (view.sections.reduce((sum, section) => sum + section.items.length, 0) <= UNMEASURED_ITEMS) return drawn;
  for (const cap of ITEM_CAPS.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(drawn)) <= DAILY_CARD_BUDGET_BYTES) break;
    drawn = drawDailyCard(withItemCap(view, cap), options, t);
  }
  return drawn;
}

/**
 * The same card as JSON, for the daily run that stores it: the JSON it measures is the JSON it
 * returns, so each card is serialised once (tens of thousands of cards a morning).
 */
export function dailyCardJson(view: DailyCardView, options: DailyCardOptions, t: Translate): string {
  let json = JSON.stringify(drawDailyCard(view, options, t));
  for (const cap of ITEM_CAPS.slice(1)) {
    if (Buffer.byteLength(json) <= DAILY_CARD_BUDGET_BYTES) break;
    json = JSON.stringify(drawDailyCard(withItemCap(view, cap), options, t));
  }
  return json;
}

const withItemCap = (view: DailyCardView, cap: number): DailyCardView => ({
  ...view,
  sections: view.sections.map((section) => ({ ...section, items: section.items.slice(0, cap) })),
});

/** «Mine oppgaver»: one personal card per day, a section per list, the oldest ten of each and «og N til». */
function drawDailyCard(view: DailyCardView, options: DailyCardOptions, t: Translate): AdaptiveCard {
  const date = formatDay(view.date, options.locale);
  const body: CardElement[] = [heading(t('daily.card.title', { date }))];
  if (options.saved !== undefined) body.push(done(t(options.saved ? 'daily.card.whenEmptySavedOn' : 'daily.card.whenEmptySavedOff')));
  if (options.notice) body.push(noticeLine(options.notice, options, t));
  const footer = options.audience === 'personal' && !view.away ? [whenEmptyToggle(view.whenEmpty, t)] : [];

  if (view.away) {
    body.push(text(t('daily.card.paused')));
    return card(t('daily.card.paused'), body);
  }
  if (view.sections.length === 0) {
    body.push(text(t('daily.card.empty')));
    return card(t('daily.card.empty'), body, footer);
  }
  for (const section of view.sections) body.push(sectionContainer(section, options, t));
  return card(speakOf(view, date, t), body, footer);
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

function sectionContainer(section: DailySection, options: DailyCardOptions, t: Translate): CardElement {
  const title = sectionTitle(section, options, t);
  const items: CardElement[] = [
    // A heading per section: screen readers jump between them.
    text(section.kind === 'unitBacklog' ? title : `${title} (${section.total})`, { style: 'heading', size: 'Medium', weight: 'Bolder' }),
  ];
  if (section.kind === 'unitBacklog') {
    items.push(text(section.total === 1 ? t('daily.card.unitBacklogOne') : t('daily.card.unitBacklogCount', { count: section.total }), { spacing: 'None' }));
  }
  for (const item of section.items) items.push(...itemElements(section, item, options, t));
  const rest = section.total - section.items.length;
  if (rest > 0 && section.kind !== 'unitBacklog') items.push(text(t('daily.card.more', { count: rest }), { isSubtle: true, spacing: 'Small' }));
  return { type: 'Container', spacing: 'Large', separator: true, items };
}

const DATE_KEYS = {
  dueList: 'daily.card.due',
  dueDatesToEnter: 'daily.card.received',
  obsCases: 'daily.card.obs',
  decisions: 'daily.card.decided',
} as const;

function itemElements(section: DailySection, item: DailyItem, options: DailyCardOptions, t: Translate): CardElement[] {
  const title = options.audience === 'personal' ? item.title : item.publicTitle;
  const dateKey = section.kind in DATE_KEYS ? DATE_KEYS[section.kind as keyof typeof DATE_KEYS] : 'daily.card.received';
  const parts = [`**${item.number}**`, ...(item.date ? [t(dateKey, { date: shortDate(item.date) })] : []), title];
  const elements: CardElement[] = [text(parts.join(' · '), { spacing: 'Small' })];
  if (item.forelopigSvar) elements.push(warning(t('daily.card.forelopigSvar'), { spacing: 'None', size: 'Small' }));
  if (item.forelopigSvarSent) elements.push(text(t('daily.card.forelopigSvarSent'), { spacing: 'None', size: 'Small', isSubtle: true }));
  if (item.sender && options.audience === 'personal') {
    const line = item.merknad ? t('daily.card.merknad', { name: item.sender, merknad: item.merknad }) : t('daily.card.sentBy', { name: item.sender });
    elements.push(text(line, { spacing: 'None', size: 'Small', isSubtle: true }));
  }
  if (item.closable !== undefined) {
    elements.push(item.closable ? done(t('daily.card.closable'), { spacing: 'None', size: 'Small' }) : text(t('daily.card.notClosable'), { spacing: 'None', size: 'Small' }));
  }
  if (options.actions && item.actions.length > 0) {
    elements.push({
      type: 'ActionSet',
      spacing: 'None',
      actions: item.actions.map((action) => execute(t(`daily.card.action.${action.kind}`), action.verb, action.data)),
    });
  }
  return elements;
}

/** `2026-11-02` → `02.11.2026`: the numeric form Norwegian archives write. */
function shortDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
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
