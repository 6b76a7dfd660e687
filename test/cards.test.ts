import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as AC from 'adaptivecards';
import { describe, expect, it } from 'vitest';
import { STATUS_SIGNS } from '../cards/card-kit.js';
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

const MAX_SPEAK_LENGTH = 250;
type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/**
 * Universell utforming, checked mechanically: the card has a short `speak` summary; every input has
 * a label, every image alternative text, every action a title; text in a status colour (and a
 * container in a status style) also says its meaning with the sign card-kit puts before the words.
 */
function accessibilityProblems(json: Json): string[] {
  const problems: string[] = [];
  if (!nonEmpty(json.speak)) problems.push('the card has no speak summary');
  else if (String(json.speak).length > MAX_SPEAK_LENGTH) problems.push(`speak is longer than ${MAX_SPEAK_LENGTH} characters`);
  else if (/\*\*|\[.*\]\(/.test(String(json.speak))) problems.push('speak contains markdown, which screen readers read out');

  const texts = (node: unknown): string[] => {
    if (Array.isArray(node)) return node.flatMap(texts);
    if (!isObject(node)) return [];
    return [...(typeof node.text === 'string' ? [node.text] : []), ...Object.values(node).flatMap(texts)];
  };
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${path}[${i}]`));
    if (!isObject(node)) return;
    const type = typeof node.type === 'string' ? node.type : '';
    if (type.startsWith('Input.') && !nonEmpty(node.label)) problems.push(`${path}: ${type} has no label`);
    if (type === 'Image' && !nonEmpty(node.altText)) problems.push(`${path}: Image has no altText`);
    if (type.startsWith('Action.') && !nonEmpty(node.title)) problems.push(`${path}: ${type} has no title`);
    const color = node.color as keyof typeof STATUS_SIGNS;
    if ((type === 'TextBlock' || type === 'TextRun') && color in STATUS_SIGNS && !String(node.text).startsWith(`${STATUS_SIGNS[color]} `)) {
      problems.push(`${path}: ${color} text without its sign ${STATUS_SIGNS[color]}: colour alone carries the meaning`);
    }
    const style = typeof node.style === 'string' ? (node.style.charAt(0).toUpperCase() + node.style.slice(1)) as keyof typeof STATUS_SIGNS : undefined;
    if (type !== 'TextBlock' && !type.startsWith('Action.') && style && style in STATUS_SIGNS && !texts(node).some((t) => t.startsWith(STATUS_SIGNS[style]))) {
      problems.push(`${path}: ${type} in style ${node.style} without a ${STATUS_SIGNS[style]} line: colour alone carries the meaning`);
    }
    for (const [key, child] of Object.entries(node)) visit(child, `${path}.${key}`);
  };
  visit(json.body, '.body');
  visit(json.actions, '.actions');
  return problems;
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
    const kept = new Set(keyPaths(roundTrip));
    const dropped = keyPaths(json)
      .filter((path) => !TEAMS_ONLY.some((pattern) => pattern.test(path)))
      .filter((path) => !kept.has(path));
    expect(dropped, 'properties the SDK does not know (misspelled?)').toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(MAX_CARD_BYTES);
  });

  it.each(all.map((s) => [`${s.file} (${s.name})`, s.card] as const))(
    '%s has a speak summary, labelled inputs, images with alt text and no meaning in colour alone',
    (_name, json) => {
      expect(accessibilityProblems(json as unknown as Json)).toEqual([]);
    },
  );

  it('the accessibility check reports a card without speak, an unlabelled input, an image without alt text and a line in colour only', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'comment' },
        { type: 'Container', items: [{ type: 'Image', url: 'https://example.no/skjerm.png' }] },
        { type: 'TextBlock', text: 'Fordelt', color: 'Good' },
        { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: 'Frist i dag' }] },
      ],
      actions: [{ type: 'Action.Execute', verb: 'x', iconUrl: 'https://example.no/i.png' }],
    };
    expect(accessibilityProblems(broken)).toEqual([
      'the card has no speak summary',
      '.body[0]: Input.Text has no label',
      '.body[1].items[0]: Image has no altText',
      '.body[2]: Good text without its sign ✔: colour alone carries the meaning',
      '.body[3]: Container in style attention without a ⚠ line: colour alone carries the meaning',
      '.actions[0]: Action.Execute has no title',
    ]);
    expect(accessibilityProblems({ ...broken, body: [], actions: [], speak: '**Fordelt**' })).toEqual([
      'speak contains markdown, which screen readers read out',
    ]);
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
