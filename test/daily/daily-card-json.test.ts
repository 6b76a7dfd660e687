import { describe, expect, it } from 'vitest';
import { card, cardJson, done, doneJson, execute, executeJson, jsonFields, text, textJson, warning, warningJson } from '../../cards/card-kit.js';
import { DAILY_CARD_BUDGET_BYTES, dailyCard, dailyCardJson } from '../../cards/daily-card.js';
import { translator } from '../../i18n/index.js';
import { fullView } from '../support/card-samples-daily.js';

const options = { locale: 'nb' as const, audience: 'personal' as const, actions: true };
const t = translator('nb');

describe('the card kit’s JSON writers', () => {
  it('write what their builders build, key for key, whatever the text holds', () => {
    for (const value of ['Søknad om «byggetillatelse», gnr. 12', 'a "quoted" \\ back\nslash\ttab', '✔ ⚠ 🚀 \u2028', '']) {
      expect(textJson(value)).toBe(JSON.stringify(text(value)));
      expect(textJson(value, jsonFields({ spacing: 'None', size: 'Small', isSubtle: true }))).toBe(JSON.stringify(text(value, { spacing: 'None', size: 'Small', isSubtle: true })));
      expect(doneJson(value, jsonFields({ spacing: 'None', size: 'Small' }))).toBe(JSON.stringify(done(value, { spacing: 'None', size: 'Small' })));
      expect(warningJson(value)).toBe(JSON.stringify(warning(value)));
      expect(executeJson(value, 'daily.distribute', { entryId: value, version: 2 })).toBe(JSON.stringify(execute(value, 'daily.distribute', { entryId: value, version: 2 })));
      expect(cardJson(value, [textJson(value)], [execute(value, 'v')])).toBe(JSON.stringify(card(value, [text(value)], [execute(value, 'v')])));
    }
    expect(cardJson('Sammendrag', [])).toBe(JSON.stringify(card('Sammendrag', [])));
    expect(jsonFields({})).toBe('');
  });
});

describe('the daily run’s card as JSON', () => {
  it('draws a full card again with fewer items to fit the budget, each section still counting all', () => {
    const full = fullView();
    const json = dailyCardJson(full, options, t);
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(DAILY_CARD_BUDGET_BYTES);
    // Drawn with fewer items than the view has: the budget bound.
    expect(json.split('"Action.Execute"').length - 1).toBeLessThan(full.sections.reduce((sum, section) => sum + section.items.length * 3, 0));
    // Every section is still there, its heading counting all its items, in the card the chat shows too.
    const shown = dailyCard(full, options, t);
    expect(shown).toEqual(JSON.parse(json));
    const headings = shown.body.filter((element) => element.type === 'Container').map((element) => (element.items as { text: string }[])[0]!.text);
    expect(headings).toHaveLength(full.sections.length);
    full.sections.forEach((section, i) => {
      if (section.kind !== 'unitBacklog') expect(headings[i]).toMatch(new RegExp(`\\(${section.total}\\)$`));
    });
  });

  it('shows every item of a card that fits, each with its buttons', () => {
    const small = { ...fullView(), sections: fullView().sections.slice(0, 2) };
    const json = dailyCardJson(small, options, t);
    const buttons = small.sections.reduce((sum, section) => sum + section.items.reduce((count, item) => count + item.actions.length, 0), 0);
    expect(buttons).toBeGreaterThan(0);
    // …and the card's own «send me the card also when all is done».
    expect(json.split('"Action.Execute"').length - 1).toBe(buttons + 1);
    for (const item of small.sections.flatMap((section) => section.items)) expect(json).toContain(JSON.stringify(item.title).slice(1, -1));
  });
});
