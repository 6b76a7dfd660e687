import type { Locale, MessageKey } from '../../i18n/index.js';
import type { RoleKey } from '../people/roles.js';
import { commandWord, COMMANDS, type CommandId } from './commands.js';

export interface Feature {
  /** Who it is for: everyone, everyone the organisation file names (`members`), or the people holding one of these roles. */
  roles: 'everyone' | 'members' | readonly RoleKey[];
  /** One sentence on what the feature does for the reader; `{command}` is the word that starts it. */
  line: MessageKey;
  /** The command whose word fills `{command}`. */
  command?: CommandId;
}

/**
 * What Arkivlos does today, one line per feature that works end to end. The welcome card and the
 * Teams app's full description are made of these lines, so neither promises what is not here.
 */
export const FEATURES = {
  help: { roles: 'everyone', line: 'feature.help', command: 'hjelp' },
  selfHelp: { roles: 'everyone', line: 'feature.selfHelp', command: 'sok' },
  language: { roles: 'everyone', line: 'feature.language', command: 'innstillinger' },
  support: { roles: 'members', line: 'feature.support', command: 'nyHenvendelse' },
  myRequests: { roles: 'members', line: 'feature.myRequests', command: 'mineHenvendelser' },
  // No command: the actions are in the «…» menu of a Teams message (domain/help/message-actions.ts).
  messageActions: { roles: 'members', line: 'feature.messageActions' },
  tasks: { roles: 'members', line: 'feature.tasks', command: 'oppgaver' },
  absence: { roles: 'members', line: 'feature.absence', command: 'fravaer' },
  deliveryStatus: { roles: ['administrator'], line: 'feature.deliveryStatus', command: 'statusUtsending' },
  reachEveryone: { roles: ['administrator'], line: 'feature.reachEveryone', command: 'naAlle' },
  sendDigests: { roles: ['administrator'], line: 'feature.sendDigests', command: 'sendOppgaverNa' },
  knownErrors: { roles: COMMANDS.kjenteFeil.roles, line: 'feature.knownErrors', command: 'kjenteFeil' },
  kbAdmin: { roles: COMMANDS.artikler.roles, line: 'feature.kbAdmin', command: 'artikler' },
  rollout: { roles: ['administrator'], line: 'feature.rollout', command: 'innforing' },
  qa: { roles: ['arkivet', 'moderator'], line: 'feature.qa', command: 'sporretime' },
} as const satisfies Record<string, Feature>;

export type FeatureId = keyof typeof FEATURES;

export interface FeatureLine {
  line: MessageKey;
  /** The command's word in the reader's language, to put in the line's `{command}`. */
  command?: string;
}

export interface FeatureLinesOptions {
  /** The reader's roles, or `'all'` for text that describes the app to anyone (the Teams manifest). */
  roles: readonly RoleKey[] | 'all';
  /** Whether the organisation knows the reader (default: yes). */
  member?: boolean;
  locale: Locale;
}

/** The lines of the features this reader has, in table order. */
export function featureLines(options: FeatureLinesOptions, features: Readonly<Record<string, Feature>> = FEATURES): FeatureLine[] {
  return Object.values(features)
    .filter((feature) => {
      if (options.roles === 'all' || feature.roles === 'everyone') return true;
      if (feature.roles === 'members') return options.member ?? true;
      return feature.roles.some((role) => options.roles.includes(role));
    })
    .map((feature) => ({
      line: feature.line,
      ...(feature.command ? { command: commandWord(feature.command, options.locale) } : {}),
    }));
}
