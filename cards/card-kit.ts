/**
 * Small builders for Adaptive Card 1.5 JSON (the newest version Teams renders). Cards are plain
 * data: every card function takes a view model and a translator and returns one of these.
 */
export type CardElement = Record<string, unknown> & { type: string };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  refresh?: Record<string, unknown>;
  msteams?: Record<string, unknown>;
}

export function card(body: CardElement[], actions: CardElement[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    msteams: { width: 'Full' },
  };
}

export function heading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function subheading(text: string): CardElement {
  return { type: 'TextBlock', text, size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'Medium' };
}

export function text(value: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
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
