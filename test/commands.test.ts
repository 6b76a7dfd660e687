import { describe, expect, it } from 'vitest';
import { availableCommands, commandPattern, commandWithArgumentPattern, COMMANDS, mayUseCommand, type CommandTable } from '../domain/help/commands.js';
import { featureLines, type Feature } from '../domain/help/features.js';

// A table as it will look when «Mine oppgaver» lands: a command for some roles only.
const WITH_TASKS: CommandTable = {
  ...COMMANDS,
  oppgaver: {
    words: { nb: ['oppgaver', 'mine oppgaver'], nn: ['oppgåver'], en: ['tasks'] },
    roles: ['saksbehandler', 'leder'],
    scopes: ['personal'],
    help: 'help.title',
  },
};

describe('the command table', () => {
  it('a person sees the commands for everyone plus those of their roles, in their language', () => {
    const words = (roles: Parameters<typeof availableCommands>[0]['roles'], locale: 'nb' | 'nn' | 'en' = 'nb') =>
      availableCommands({ roles, scope: 'personal', locale }, WITH_TASKS).map((command) => command.word);
    expect(words(['leder'])).toEqual(['hjelp', 'søk', 'innstillinger', 'ny henvendelse', 'mine henvendelser', 'fravær', 'oppgaver']);
    expect(words(['saksbehandler'], 'nn')).toEqual(['hjelp', 'søk', 'innstillingar', 'ny førespurnad', 'mine førespurnader', 'fråvær', 'oppgåver']);
    expect(words(['arkivet'], 'en')).toEqual(['help', 'search', 'settings', 'new request', 'my requests', 'away', 'articles', 'known errors']);
    expect(words([])).toEqual(['hjelp', 'søk', 'innstillinger', 'ny henvendelse', 'mine henvendelser', 'fravær']);
  });

  it('the delivery commands are for administrators only, and only in their 1:1 chat', () => {
    const words = (roles: Parameters<typeof availableCommands>[0]['roles'], scope: 'personal' | 'groupChat' = 'personal') =>
      availableCommands({ roles, scope, locale: 'en' }).map((command) => command.word);
    expect(words(['administrator'])).toEqual(['help', 'search', 'settings', 'new request', 'my requests', 'away', 'tasks', 'delivery status', 'reach everyone', 'send digests now', 'articles', 'rollout', 'known errors']);
    expect(words(['systemadministrator', 'arkivet', 'leder'])).toEqual(['help', 'search', 'settings', 'new request', 'my requests', 'away', 'tasks', 'articles', 'known errors']);
    expect(words(['administrator'], 'groupChat')).toEqual(['help']);
    expect(mayUseCommand(COMMANDS.naAlle, ['administrator'])).toBe(true);
    expect(mayUseCommand(COMMANDS.naAlle, ['saksbehandler', 'systemadministrator'])).toBe(false);
    expect(mayUseCommand(COMMANDS.hjelp, [])).toBe(true);
  });

  it('the brukerstøtte commands are for everyone the organisation knows, whatever their roles, and not for someone it does not know', () => {
    const words = (member: boolean) => availableCommands({ roles: [], member, scope: 'personal', locale: 'nb' }).map((command) => command.word);
    expect(words(true)).toEqual(['hjelp', 'søk', 'innstillinger', 'ny henvendelse', 'mine henvendelser', 'fravær', 'oppgaver']);
    expect(words(false)).toEqual(['hjelp', 'søk', 'innstillinger']);
    expect(mayUseCommand(COMMANDS.nyHenvendelse, [], true)).toBe(true);
    expect(mayUseCommand(COMMANDS.nyHenvendelse, ['administrator'], false)).toBe(false);
  });

  it('where everyone sees the answer, only commands for everyone that are offered in that scope are listed', () => {
    expect(availableCommands({ roles: null, scope: 'groupChat', locale: 'nb' }, WITH_TASKS).map((c) => c.word)).toEqual(['hjelp']);
    expect(availableCommands({ roles: null, scope: 'team', locale: 'en' }).map((c) => c.word)).toEqual(['help']);
  });

  it('a command’s pattern takes any of its words in any language and case, alone, with trailing punctuation', () => {
    const settings = commandPattern(COMMANDS.innstillinger);
    for (const text of ['innstillinger', 'Innstillingar', ' SETTINGS ', 'innstillinger?!']) expect(settings.test(text), text).toBe(true);
    for (const text of ['innstillinger nå', 'vis innstillinger', 'hjelp', 'setting']) expect(settings.test(text), text).toBe(false);
    const tasks = commandPattern(WITH_TASKS.oppgaver!);
    expect(tasks.test('mine  oppgaver')).toBe(true);
    expect(tasks.test('Oppgåver.')).toBe(true);
  });

  it('a command with an argument: one of its words, white space, then the text, which the pattern captures', () => {
    const search = commandWithArgumentPattern(COMMANDS.sok);
    expect(search.exec('søk avskrivning')?.[1]).toBe('avskrivning');
    expect(search.exec('  SØK   journalpost  i sak 2026/12 ')?.[1]).toBe('journalpost  i sak 2026/12 ');
    expect(search.exec('search write off')?.[1]).toBe('write off');
    for (const text of ['søk', 'søk  ', 'søkeord', 'jeg vil søk etter noe']) expect(search.test(text), text).toBe(false);
    const help = commandWithArgumentPattern(COMMANDS.hjelp);
    expect(help.exec('hjelp med avskrivning')?.[1]).toBe('med avskrivning');
    expect(help.test('hjelp')).toBe(false);
    expect(commandPattern(COMMANDS.hjelp).test('hjelp?')).toBe(true);
  });

  it('the help card shows a command with its argument; Teams’ command menu has the word alone', () => {
    expect(availableCommands({ roles: [], scope: 'personal', locale: 'nb' }).find((command) => command.id === 'sok')).toEqual({
      id: 'sok',
      word: 'søk',
      help: 'help.command.sok',
      argument: 'help.argument.text',
    });
  });
});

describe('the feature lines', () => {
  const features: Record<string, Feature> = {
    help: { roles: 'everyone', line: 'feature.help', command: 'hjelp' },
    approvals: { roles: ['leder', 'stedfortreder'], line: 'help.title' },
  };

  it('a reader gets the lines of the features for everyone and for their roles, with the command word in their language', () => {
    expect(featureLines({ roles: ['saksbehandler'], locale: 'en' }, features)).toEqual([{ line: 'feature.help', command: 'help' }]);
    expect(featureLines({ roles: ['stedfortreder'], locale: 'nb' }, features)).toEqual([
      { line: 'feature.help', command: 'hjelp' },
      { line: 'help.title' },
    ]);
  });

  it('a feature for the organisation’s members is not offered to someone the organisation does not know', () => {
    const members: Record<string, Feature> = { ...features, support: { roles: 'members', line: 'feature.support', command: 'nyHenvendelse' } };
    expect(featureLines({ roles: [], locale: 'nb' }, members).map((feature) => feature.line)).toEqual(['feature.help', 'feature.support']);
    expect(featureLines({ roles: [], member: false, locale: 'nb' }, members).map((feature) => feature.line)).toEqual(['feature.help']);
    expect(featureLines({ roles: 'all', member: false, locale: 'nb' }, members).map((feature) => feature.line)).toContain('feature.support');
  });

  it('the app’s own description (roles "all") has every feature’s line', () => {
    expect(featureLines({ roles: 'all', locale: 'nn' }, features).map((feature) => feature.line)).toEqual(['feature.help', 'help.title']);
  });
});
