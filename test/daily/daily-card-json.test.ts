import { describe, expect, it } from 'vitest';
import { DAILY_CARD_BUDGET_BYTES, dailyCard, dailyCardJson } from '../../cards/daily-card.js';
import { translator } from '../../i18n/index.js';
import { fullView } from '../support/card-samples-daily.js';

const options = { locale: 'nb' as const, audience: 'personal' as const, actions: true };
const t = translator('nb');

describe('the daily run’s card as JSON', () => {
  it('is the card the chat shows, serialised: a full card drawn with fewer items to fit the budget', () => {
    const full = fullView();
    const json = dailyCardJson(full, options, t);
    expect(json).toBe(JSON.stringify(dailyCard(full, options, t)));
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(DAILY_CARD_BUDGET_BYTES);
    // Drawn with fewer items than the view has: the budget bound.
    expect(json.split('"Action.Execute"').length - 1).toBeLessThan(full.sections.reduce((sum, section) => sum + section.items.length * 3, 0));
  });

  it('is the card as it is when it fits', () => {
    const small = { ...fullView(), sections: fullView().sections.slice(0, 2) };
    expect(dailyCardJson(small, options, t)).toBe(JSON.stringify(dailyCard(small, options, t)));
  });
});
