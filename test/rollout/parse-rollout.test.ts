import { describe, expect, it } from 'vitest';
import { parseRollout } from '../../domain/rollout/parse-rollout.js';

// Wednesday 28 October 2026.
const TODAY = '2026-10-28';

describe('reading «innføring <fra>–<til> <tekst>»', () => {
  it('takes the days in every form fravær takes, and keeps the text after them as written', () => {
    expect(parseRollout('29.10–6.11 Nytt system fra torsdag.', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-11-06', text: 'Nytt system fra torsdag.' });
    expect(parseRollout('29.10 - 6.11 Nytt system', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-11-06', text: 'Nytt system' });
    expect(parseRollout('fra 29.10.2026 til 6.11.2026 Nytt system', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-11-06', text: 'Nytt system' });
    expect(parseRollout('29.10 to 6.11.26', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-11-06', text: '' });
  });

  it('one day alone is a rollout of one day, also when the text has a dash or «til» in it', () => {
    expect(parseRollout('29.10 Nytt system', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-10-29', text: 'Nytt system' });
    expect(parseRollout('29.10–6.11 - viktig', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-11-06', text: '- viktig' });
    expect(parseRollout('29.10 til alle: nytt system', TODAY)).toEqual({ ok: true, from: '2026-10-29', to: '2026-10-29', text: 'til alle: nytt system' });
  });

  it('a range across the new year is this December to next January', () => {
    expect(parseRollout('28.12–8.1 Nytt år, nytt system', TODAY)).toEqual({ ok: true, from: '2026-12-28', to: '2027-01-08', text: 'Nytt år, nytt system' });
  });

  it('names what is no date, a day that does not exist, an end before the start and a period that is over', () => {
    expect(parseRollout('neste uke', TODAY)).toEqual({ ok: false, problem: { code: 'notADate', text: 'neste' } });
    expect(parseRollout('31.4 Nytt system', TODAY)).toEqual({ ok: false, problem: { code: 'noSuchDate', text: '31.4' } });
    expect(parseRollout('6.11.2026–29.10.2026', TODAY)).toEqual({ ok: false, problem: { code: 'endBeforeStart', from: '2026-11-06', to: '2026-10-29' } });
    expect(parseRollout('1.10.2026–20.10.2026 Nytt', TODAY)).toEqual({ ok: false, problem: { code: 'past', to: '2026-10-20' } });
  });
});
