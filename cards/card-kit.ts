/**
 * Small builders for Adaptive Card 1.5 JSON (the newest version Teams renders). Cards are plain
 * data: every card function takes a view model and a translator and returns one of these.
 *
 * Universell utforming (the accessibility law for Norwegian public-sector ICT): every card has a
 * short `speak` summary for screen readers, every input a `label`, every image an `altText`, and a
 * coloured line carries its meaning in a sign and words too (`done`, `warning`).
 * test/cards.test.ts checks every card sample for these.
 */
export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  /** What a screen reader says for the whole card: one or two short sentences, no markdown. */
  speak: string;
  body: CardElement[];
  actions?: CardElement[];
  refresh?: Record<string, unknown>;
  msteams?: Record<string, unknown>;
}

export function card(speak: string, body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak,
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

/**
 * The same card as JSON, with its body elements already JSON (`textJson`, `executeJson`, or
 * `JSON.stringify` of an element): for a card of thousands of elements written tens of thousands
 * of times a morning (the daily card), without building and then serialising every element.
 * test/daily/daily-card-json.test.ts holds each `…Json` to its builder.
 */
export function cardJson(speak: string, body: readonly string[], actions: CardElement[] = []): string {
  // card()'s own JSON with the body put in, so a card's shape has one definition. The first
  // `"body":[]` is the key: inside a JSON string every quote is escaped, so `speak` cannot hold it.
  const shell = JSON.stringify(card(speak, [], actions));
  const at = shell.indexOf('"body":[]') + '"body":['.length;
  return `${shell.slice(0, at)}${body.join(',')}${shell.slice(at)}`;
}

/** An element's options as the tail of its JSON (`,"spacing":"Small"`), made once for `textJson`. */
export const jsonFields = (options: Record<string, unknown>): string => {
  const json = JSON.stringify(options);
  return json === '{}' ? '' : `,${json.slice(1, -1)}`;
};

/** `text(value, options)` as JSON, the options given as `jsonFields(options)`. */
export const textJson = (value: string, fields = ''): string => `{"type":"TextBlock","text":${JSON.stringify(value)},"wrap":true${fields}}`;

/** `done(value, options)` as JSON: the ✔ and the colour, the options given as `jsonFields(options)`. */
export const doneJson = (value: string, fields = ''): string => textJson(`${STATUS_SIGNS.Good} ${value}`, `,"color":"Good"${fields}`);

/** `warning(value, options)` as JSON: the ⚠ and the colour, the options given as `jsonFields(options)`. */
export const warningJson = (value: string, fields = ''): string => textJson(`${STATUS_SIGNS.Attention} ${value}`, `,"color":"Attention"${fields}`);

/** `execute(title, verb, data)` as JSON. */
export const executeJson = (title: string, verb: string, data: Record<string, unknown>): string => `${executeJsonHead(title, verb)}${JSON.stringify(data)}}`;

/**
 * `executeJson` up to its data: a renderer that draws the same button for many items makes this
 * once and adds each item's data and the closing brace (`${head}${JSON.stringify(data)}}`).
 */
export const executeJsonHead = (title: string, verb: string): string => `{"type":"Action.Execute","title":${JSON.stringify(title)},"verb":${JSON.stringify(verb)},"data":`;

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function subheading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

/** Something that succeeded: green, and a ✔ with the words, so colour is not the only sign. */
export function done(value: string, options: Record<string, unknown> = {}): CardElement {
  return text(`${STATUS_SIGNS.Good} ${value}`, { color: 'Good', ...options });
}

/** Something the reader must notice: in the warning colour, with a ⚠ and the words. */
export function warning(value: string, options: Record<string, unknown> = {}): CardElement {
  return text(`${STATUS_SIGNS.Attention} ${value}`, { color: 'Attention', ...options });
}

/** The sign each meaningful text colour comes with; test/cards.test.ts holds every coloured line to it. */
export const STATUS_SIGNS = { Good: '✔', Attention: '⚠', Warning: '⚠' } as const;

/** A bulleted list in one text block (Teams renders the markdown as a list, which screen readers announce). */
export function bullets(items: string[]): CardElement {
  return text(items.map((item) => `- ${item}`).join('\r'));
}

export function facts(items: { title: string; value: string }[]): CardElement {
  return { type: 'FactSet', facts: items };
}

/** Universal Action: Teams sends an `adaptiveCard/action` invoke with this verb and data. */
export function execute(title: string, verb: string, data: Record<string, unknown> = {}, options: Record<string, unknown> = {}): CardElement {
  return { type: 'Action.Execute', title, verb, data, ...options };
}

export function choiceSet(
  id: string,
  label: string,
  choices: { title: string; value: string }[],
  errorMessage: string,
  value?: string,
): CardElement {
  return { type: 'Input.ChoiceSet', id, label, choices, style: 'expanded', isRequired: true, errorMessage, ...(value ? { value } : {}) };
}
