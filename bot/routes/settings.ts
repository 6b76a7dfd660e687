import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { settingsCard } from '../../cards/settings-card.js';
import { commandPattern, COMMANDS } from '../../domain/help/commands.js';
import { chooseLanguage } from '../../domain/people/choose-language.js';
import { LOCALE_TAGS, LOCALES } from '../../i18n/index.js';
import { forgetCaller, loadCaller } from '../caller.js';
import type { BotDeps } from '../deps.js';

/** Card data is untrusted: only a known language code is accepted. */
const ZSaveSettings = z.object({ locale: z.enum(LOCALES) });

/** `innstillinger` / `innstillingar` / `settings`: choose the language Arkivlos answers in. */
export function registerSettings(app: Application, deps: BotDeps): void {
  const showCard = async (context: TurnContext) => {
    const caller = await loadCaller(context, deps.prisma);
    return settingsCard({ locale: caller.locale, canSave: caller.person !== null }, caller.t);
  };

  app.message(commandPattern(COMMANDS.innstillinger), async (context) => {
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(await showCard(context))] });
  });
  app.adaptiveCards.actionExecute('settings.show', showCard);

  app.adaptiveCards.actionExecute('settings.save', async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.aadObjectId) return showCard(context);
    const parsed = ZSaveSettings.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidInput', { detail: caller.t('error.invalidLanguage') });

    // Someone unknown, or made inactive since the card was shown, is refused by chooseLanguage
    // (UNKNOWN_PERSON), which app.error turns into a sentence on the card.
    await chooseLanguage(deps.prisma, { aadObjectId: caller.aadObjectId, locale: parsed.data.locale });
    forgetCaller(context);
    const updated = await loadCaller(context, deps.prisma);
    const at = new Intl.DateTimeFormat(LOCALE_TAGS[updated.locale], {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Oslo',
    }).format(deps.now());
    return settingsCard({ locale: updated.locale, canSave: true, saved: { language: updated.locale, at } }, updated.t);
  });
}
