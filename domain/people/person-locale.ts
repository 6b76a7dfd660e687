import { resolveLocale, type Locale } from '../../i18n/index.js';

/**
 * A person's language outside a turn, where no Teams locale is at hand (a message the outbox
 * sends later): their own choice in `innstillinger`, else the organisation file's, else bokmål.
 */
export function personLocale(person: { chosenLocale: Locale | null; locale: Locale | null }): Locale {
  return resolveLocale({ chosen: person.chosenLocale, orgLocale: person.locale });
}
