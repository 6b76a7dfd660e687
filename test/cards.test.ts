import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { cardSamples } from './support/card-samples.js';

const CARDS_DIR = fileURLToPath(new URL('../cards', import.meta.url));
const MAX_CARD_BYTES = 80 * 1024; // Teams refuses messages above about 100 KB.

/** Parses with the Adaptive Cards SDK; returns its validation errors and the card's own round trip. */
function validate(json: object) {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const errors = [
    ...Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i)).map((event) => event.message),
    ...card.validateProperties().validationEvents.map((event) => event.message),
  ];
  return { errors, roundTrip: card.toJSON() };
}

/** Every key path in a JSON value, so a property the SDK dropped (misspelled, unknown) shows up. */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...keyPaths(child, `${prefix}.${key}`)]);
  }
  return [];
}

// Teams-specific and schema properties the SDK does not model but Teams reads.
const TEAMS_ONLY = [/^\.msteams/, /^\.\$schema$/, /^\.refresh/];

describe('Adaptive Cards', () => {
  const samples = cardSamples();

  it('every card file in cards/ has samples under test', () => {
    const cardFiles = readdirSync(CARDS_DIR).filter((file) => file.endsWith('-card.ts'));
    expect(cardFiles.length).toBeGreaterThan(0);
    for (const file of cardFiles) expect(samples[file], `${file} has no samples in test/support/card-samples.ts`).toBeDefined();
  });

  const all = Object.entries(samples).flatMap(([file, list]) => list.map((sample) => ({ file, ...sample })));
  it.each(all.map((s) => [`${s.file} (${s.name})`, s.card] as const))('%s is valid Adaptive Card 1.5 JSON under 80 KB', (_name, json) => {
    expect(json.version).toBe('1.5');
    const { errors, roundTrip } = validate(json);
    expect(errors).toEqual([]);
    const dropped = keyPaths(json)
      .filter((path) => !TEAMS_ONLY.some((pattern) => pattern.test(path)))
      .filter((path) => !keyPaths(roundTrip).includes(path));
    expect(dropped, 'properties the SDK does not know (misspelled?)').toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_CARD_BYTES);
  });

  it('the round-trip check catches a misspelled property', () => {
    const broken = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', wrapp: true }] };
    const { roundTrip } = validate(broken);
    expect(keyPaths(broken).filter((path) => !keyPaths(roundTrip).includes(path))).toEqual(['.body[0].wrapp']);
  });

  it('the validator reports an unknown element type', () => {
    const { errors } = validate({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok', text: 'x' }] });
    expect(errors.length).toBeGreaterThan(0);
  });
});
