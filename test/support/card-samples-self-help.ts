import { LOCALES, translator } from '../../i18n/index.js';
import type { AdaptiveCard } from '../../cards/card-kit.js';
import { articleCard } from '../../cards/article-card.js';
import { selfHelpAnsweredCard, selfHelpCard, type SelfHelpHit } from '../../cards/self-help-card.js';
import { commandWord } from '../../domain/help/commands.js';

const QUERY_ID = '6f1c1f0e-5d0b-4b8e-9a55-1f5e8a2b7c01';
const LONG_QUESTION = `Hvordan avskriver jeg en journalpost som jeg har besvart på telefon, og hva gjør jeg med ${'restanser '.repeat(400)}`;

/** Three hits at their longest: long titles, full extracts, one link article, one in another language. */
const HITS: SelfHelpHit[] = [
  {
    id: '0a6e3b4c-1d2e-4f5a-8b9c-0d1e2f3a4b5c',
    title: `Slik avskriver du en journalpost: alle metodene, fra TE og TO til BU, BE, TLF og foreløpig svar ${'x'.repeat(100)}`,
    extract: `… må du **avskrive** det, ellers blir det stående som restanse. ${'Tekst '.repeat(35)}…`,
    link: null,
    lang: 'nb',
  },
  {
    id: '1b7f4c5d-2e3f-4a6b-9c0d-1e2f3a4b5c6d',
    title: 'Tilgang til sak-/arkivsystemet for nyansatte',
    extract: 'Lederen bestiller **tilgang** for nyansatte med skjemaet på intranettet.',
    link: 'https://intranett.eksempel.kommune.no/skjema/tilgang-sak-arkiv',
    lang: 'nb',
  },
  {
    id: '2c8a5d6e-3f4a-4b7c-8d1e-2f3a4b5c6d7e',
    title: 'Restansar – kva som tel',
    extract: 'Ein **restanse** er ein inngåande journalpost som ikkje er avskriven.',
    link: null,
    lang: 'nn',
  },
];

const BODY = [
  'Når du har svart på et inngående brev, må du **avskrive** det, ellers blir det stående som _restanse_.',
  Array.from({ length: 12 }, (_, i) => `- **Metode ${i + 1}** – ${'forklaring '.repeat(20)}`).join('\n'),
  '1. Åpne journalposten\n2. Velg **Avskriv**\n3. Velg metode',
  `Se også [rutinen for restanser](https://intranett.eksempel.kommune.no/rutiner/restanser). ${'Mer tekst. '.repeat(1500)}`,
].join('\n\n');

/** The self-help card, the answered card and the article card, in every language and their largest shapes. */
export function selfHelpCardSamples(add: (file: string, name: string, card: AdaptiveCard) => void): void {
  for (const locale of LOCALES) {
    const t = translator(locale);
    const helpCommand = commandWord('hjelp', locale);
    const view = { question: LONG_QUESTION, queryId: QUERY_ID, hits: HITS, corrections: ['avskrivning', 'journalpost'], locale, helpCommand };
    add('self-help-card.ts', `${locale} three hits, a link, another language, corrections`, selfHelpCard(view, t));
    add('self-help-card.ts', `${locale} no result`, selfHelpCard({ ...view, hits: [], corrections: [] }, t));
    add('self-help-card.ts', `${locale} without a stored query`, selfHelpCard({ ...view, queryId: null }, t));
    add('self-help-card.ts', `${locale} shown again after the answer`, selfHelpCard({ ...view, answered: true }, t));
    add('self-help-card.ts', `${locale} solved`, selfHelpAnsweredCard({ question: LONG_QUESTION, outcome: 'solved', already: false }, t));
    add('self-help-card.ts', `${locale} solved before`, selfHelpAnsweredCard({ question: LONG_QUESTION, outcome: 'solved', already: true }, t));
    add('self-help-card.ts', `${locale} needs help before`, selfHelpAnsweredCard({ question: LONG_QUESTION, outcome: 'needs_help', already: true }, t));
    const article = { title: HITS[0]!.title, body: BODY, link: null, lang: 'nb' as const, unit: 'Dokumentsenteret', subjectArea: 'Bruk av sak-/arkivsystemet', locale };
    add('article-card.ts', `${locale} long article from a query`, articleCard({ ...article, query: { id: QUERY_ID, answered: false } }, t));
    add(
      'article-card.ts',
      `${locale} link article, query answered`,
      articleCard({ ...article, body: 'Lederen bestiller tilgang.', link: HITS[1]!.link, unit: null, subjectArea: null, query: { id: QUERY_ID, answered: true } }, t),
    );
  }
}
