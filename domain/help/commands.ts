import type { Locale, MessageKey } from '../../i18n/index.js';
import type { RoleKey } from '../people/roles.js';

/**
 * Where a command is offered, in the Teams manifest's words: a person's 1:1 chat with the bot, a
 * team's channels, or a group chat. Cards in a channel or group chat are seen by everyone there.
 */
export const COMMAND_SCOPES = ['personal', 'team', 'groupChat'] as const;
export type CommandScope = (typeof COMMAND_SCOPES)[number];

export interface CommandDefinition {
  /** The words that start the command, per language; the first is the one shown (help card, Teams' command menu). */
  words: Record<Locale, readonly [string, ...string[]]>;
  /**
   * Who may use it: everyone who can talk to the bot, everyone the organisation file names
   * (`members`, whatever their roles), or people holding one of these roles.
   */
  roles: 'everyone' | 'members' | readonly RoleKey[];
  /** Where Teams offers it in its command menu, and where the help card lists it. */
  scopes: readonly CommandScope[];
  /** What it does, in one line: on the help card and in Teams' command menu. */
  help: MessageKey;
  /** The card action that opens the same card, offered as a button on the help card. */
  button?: { verb: string; title: MessageKey };
  /**
   * What follows the word (`søk <tekst>`), shown after it on the help card; the route reads it
   * with `commandWithArgumentPattern`. Teams' command menu shows the word alone.
   */
  argument?: MessageKey;
  /**
   * `false`: listed on the help card for those who may use it, but left out of Teams' command menu
   * (the manifest holds at most 12 commands per scope, and shows the same menu to everyone) — for
   * commands only a few roles use, when a scope's menu is full.
   */
  menu?: boolean;
}

/**
 * One list of commands. The routes build their patterns from it, the help card lists from it and
 * `npm run package` writes the Teams manifest's command lists from it, so nothing offers a command
 * that does not work. A feature adds its row here when it lands (and its route in bot/routes/).
 */
export const COMMANDS = {
  hjelp: {
    words: { nb: ['hjelp'], nn: ['hjelp'], en: ['help'] },
    roles: 'everyone',
    scopes: ['personal', 'team', 'groupChat'],
    help: 'help.command.hjelp',
  },
  sok: {
    words: { nb: ['søk'], nn: ['søk'], en: ['search'] },
    argument: 'help.argument.text',
    roles: 'everyone',
    // Self-help is asked in the person's own chat: the question and its answers are theirs.
    scopes: ['personal'],
    help: 'help.command.sok',
  },
  innstillinger: {
    words: { nb: ['innstillinger'], nn: ['innstillingar'], en: ['settings'] },
    roles: 'everyone',
    // The language is a personal choice; the card is not posted where everyone sees it.
    scopes: ['personal'],
    help: 'help.command.innstillinger',
    button: { verb: 'settings.show', title: 'help.openSettings' },
  },
  nyHenvendelse: {
    words: { nb: ['ny henvendelse'], nn: ['ny førespurnad'], en: ['new request'] },
    roles: 'members',
    // A henvendelse is the requester's own: asked for and followed in their 1:1 chat.
    scopes: ['personal'],
    help: 'support.command.new',
    button: { verb: 'support.intake.show', title: 'support.command.newButton' },
  },
  mineHenvendelser: {
    words: { nb: ['mine henvendelser'], nn: ['mine førespurnader'], en: ['my requests'] },
    roles: 'members',
    scopes: ['personal'],
    help: 'support.command.mine',
    button: { verb: 'support.mine', title: 'support.mine.title' },
  },
  // Absence (domain/absence/): `fravær 23.12–2.1` registers, `fravær` alone lists, `fravær slett`
  // deletes. Personal: the dates are the person's own.
  fravaer: {
    words: { nb: ['fravær'], nn: ['fråvær'], en: ['away'] },
    argument: 'absence.argument',
    roles: 'members',
    scopes: ['personal'],
    help: 'absence.command',
    button: { verb: 'absence.show', title: 'absence.showButton' },
  },
  // «Mine oppgaver» (domain/daily/): the caller's daily card now, composed as the daily run composes it.
  oppgaver: {
    words: { nb: ['oppgaver'], nn: ['oppgåver'], en: ['tasks'] },
    roles: 'members',
    // Titles and names are the person's own: offered in the 1:1 chat; elsewhere the card shows public titles only.
    scopes: ['personal'],
    help: 'daily.command',
  },
  statusUtsending: {
    words: { nb: ['status utsending'], nn: ['status utsending'], en: ['delivery status'] },
    roles: ['administrator'],
    // The card names people Teams will not deliver to: only in the administrator's own chat.
    scopes: ['personal'],
    help: 'help.command.statusUtsending',
    button: { verb: 'delivery.status', title: 'delivery.reach.showStatus' },
  },
  naAlle: {
    words: { nb: ['nå alle'], nn: ['nå alle'], en: ['reach everyone'] },
    roles: ['administrator'],
    scopes: ['personal'],
    help: 'help.command.naAlle',
  },
  // Today's «Mine oppgaver» at once, on any day (domain/daily/send-daily-cards.ts); the answer counts people.
  sendOppgaverNa: {
    words: { nb: ['send oppgaver nå'], nn: ['send oppgåver no'], en: ['send digests now'] },
    roles: ['administrator'],
    scopes: ['personal'],
    help: 'daily.send.command',
  },
  // The knowledge base's management (domain/knowledge/): support staff keep their unit's articles.
  // The same roles may publish a written answer as an article (bot/routes/kb-admin.ts).
  artikler: {
    words: { nb: ['artikler'], nn: ['artiklar'], en: ['articles'] },
    roles: ['arkivet', 'moderator', 'prosessradgiver', 'fagspesialist', 'administrator'],
    scopes: ['personal'],
    // No help-card button: that card holds at most five actions, and has five for an administrator.
    help: 'kb.command',
    menu: false,
  },
  // Rollout mode (domain/rollout/): with days and a text it sets the rollout, alone it shows the card.
  innforing: {
    words: { nb: ['innføring'], nn: ['innføring'], en: ['rollout'] },
    argument: 'rollout.argument',
    roles: ['administrator'],
    scopes: ['personal'],
    help: 'rollout.command',
    // The personal menu is nearly full, and only administrators use it: on the help card only.
    menu: false,
  },
  // Queue channels (domain/support/queue-channels.ts): typed in the channel that is, or is to
  // become, a line's queue, with @Arkivlos in front (Teams passes a channel message to the bot
  // only when it is mentioned). `koble kø` takes the line and, for some lines, a unit or subject
  // area after it; alone it shows the channel's binding, as `kø` does.
  kobleKo: {
    words: { nb: ['koble kø'], nn: ['kople kø'], en: ['bind queue'] },
    roles: ['arkivet', 'administrator'],
    scopes: ['team'],
    help: 'help.command.kobleKo',
  },
  kobleFraKo: {
    words: { nb: ['koble fra kø'], nn: ['kople frå kø'], en: ['unbind queue'] },
    roles: ['arkivet', 'administrator'],
    scopes: ['team'],
    help: 'help.command.kobleFraKo',
  },
  ko: {
    words: { nb: ['kø'], nn: ['kø'], en: ['queue'] },
    // Reading which line a channel serves changes nothing: everyone who works in a line may.
    roles: ['arkivet', 'prosessradgiver', 'fagspesialist', 'leverandorkontakt', 'systemadministrator', 'administrator'],
    scopes: ['team'],
    help: 'help.command.ko',
  },
  // The known-error register (domain/known-errors/): the list, «Ny kjent feil», «Endre status».
  // In the 1:1 chat; for the lines that follow errors up, so out of Teams' command menu.
  kjenteFeil: {
    words: { nb: ['kjente feil'], nn: ['kjende feil'], en: ['known errors'] },
    roles: ['arkivet', 'fagspesialist', 'leverandorkontakt', 'systemadministrator', 'administrator'],
    scopes: ['personal'],
    help: 'knownErrors.command',
    menu: false,
  },
  // Spørretimer (domain/qa/): alone, the form for a new session in this channel or group chat;
  // `spørretime kunngjøring <tekst>` posts an announcement there. For the first line and moderators.
  sporretime: {
    words: { nb: ['spørretime'], nn: ['spørjetime'], en: ['qa'] },
    roles: ['arkivet', 'moderator'],
    scopes: ['team', 'groupChat'],
    help: 'qaSession.command',
  },
} as const satisfies Record<string, CommandDefinition>;

export type CommandId = keyof typeof COMMANDS;
export type CommandTable = Readonly<Record<string, CommandDefinition>>;

export interface AvailableCommand {
  id: string;
  /** The word to type, in the reader's language. */
  word: string;
  help: MessageKey;
  button?: { verb: string; title: MessageKey };
  argument?: MessageKey;
}

export interface AvailableCommandsOptions {
  /**
   * The person's roles; `null` where everyone sees the answer (a channel or group chat): then only
   * the commands everyone may use are listed, not those that depend on who asked.
   */
  roles: readonly RoleKey[] | null;
  /** Whether the organisation knows the person (default: yes, unless `roles` is null). */
  member?: boolean;
  scope: CommandScope;
  locale: Locale;
}

/** The commands this person may use here, in table order. */
export function availableCommands(options: AvailableCommandsOptions, table: CommandTable = COMMANDS): AvailableCommand[] {
  return Object.entries(table)
    .filter(([, command]) => command.scopes.includes(options.scope))
    .filter(([, command]) => mayUseCommand(command, options.roles ?? [], options.roles !== null && (options.member ?? true)))
    .map(([id, command]) => ({
      id,
      word: command.words[options.locale][0],
      help: command.help,
      ...(command.button ? { button: command.button } : {}),
      ...(command.argument ? { argument: command.argument } : {}),
    }));
}

/** Whether someone holding these roles may use the command (routes check this before they act). */
export function mayUseCommand(command: CommandDefinition, roles: readonly RoleKey[], member = true): boolean {
  if (command.roles === 'everyone') return true;
  if (command.roles === 'members') return member;
  return command.roles.some((role) => roles.includes(role));
}

/** The word to type for a command in a language (the first of its words). */
export function commandWord(id: CommandId, locale: Locale): string {
  return COMMANDS[id].words[locale][0];
}

/** Every word of a command in every language, each once: anyone may type any of them. */
export function commandWords(command: CommandDefinition): string[] {
  return [...new Set(Object.values(command.words).flat().map((word) => word.toLocaleLowerCase('nb')))];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The command's words as alternatives of a regular expression, longest first. */
function wordAlternatives(command: CommandDefinition): string {
  return commandWords(command)
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/ /g, '\\s+'))
    .join('|');
}

/**
 * The message that starts a command: one of its words and nothing else (trailing punctuation is
 * fine), in any language and letter case. Anchored, so "jeg trenger hjelp med noe" is not `hjelp`.
 */
export function commandPattern(command: CommandDefinition): RegExp {
  return new RegExp(`^\\s*(?:${wordAlternatives(command)})\\s*[.!?]*\\s*$`, 'i');
}

/**
 * The message that starts a command with an argument: one of its words, white space, then the
 * argument (the first group), in any language and letter case. `søk avskrivning` is `søk` with
 * `avskrivning`; `søkeord` is not `søk`.
 */
export function commandWithArgumentPattern(command: CommandDefinition): RegExp {
  return new RegExp(`^\\s*(?:${wordAlternatives(command)})\\s+(\\S[\\s\\S]*)$`, 'i');
}

/**
 * A command followed by what it acts on (`koble kø fagspesialister Økonomi`): one of its words,
 * then, after white space, the rest (group 1; undefined when the command stands alone). Anchored
 * like `commandPattern`, so `koble køen` is not `koble kø`.
 */
export function commandWithArgumentsPattern(command: CommandDefinition): RegExp {
  const words = commandWords(command)
    .sort((a, b) => b.length - a.length)
    .map((word) => escapeRegExp(word).replace(/ /g, '\\s+'));
  return new RegExp(`^\\s*(?:${words.join('|')})(?:\\s+([\\s\\S]*?))?\\s*[.!?]*\\s*$`, 'i');
}
