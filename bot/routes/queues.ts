import type { TurnContext } from 'botbuilder';
import { CardFactory } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { queueChannelCard, type QueueChannelView as CardView } from '../../cards/queue-channel-card.js';
import { commandPattern, commandWithArgumentsPattern, commandWord, COMMANDS, mayUseCommand, type CommandId } from '../../domain/help/commands.js';
import {
  bindQueueChannel,
  queueOfChannel,
  resolveQueueScope,
  unbindQueueChannel,
  type Choice,
  type QueueChannelView,
  type QueueActor,
} from '../../domain/support/queue-channels.js';
import { LINE_WORDS, lineUsage, parseQueueLine, QUEUE_LINES } from '../../domain/support/queue-command.js';
import type { MessageKey } from '../../i18n/index.js';
import { loadCaller, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';

/** Longest list of units or subject areas a refusal names; the rest are counted. */
const MAX_CHOICES = 30;

/** What Teams tells about the channel in a channel message (channelData). */
function channelOf(context: TurnContext) {
  const data = context.activity.channelData as { team?: { id?: string }; channel?: { id?: string; name?: string } } | undefined;
  return {
    conversationId: context.activity.conversation.id,
    teamId: data?.team?.id ?? null,
    channelId: data?.channel?.id ?? null,
    channelName: data?.channel?.name ?? null,
  };
}

/** Why this caller may not use the command here, in their language; undefined when they may. */
function refusal(context: TurnContext, caller: Caller, id: CommandId): string | undefined {
  const command = commandWord(id, caller.locale);
  if (commandScopeOf(context) !== 'team') return caller.t('queue.onlyInChannel', { command: example(caller) });
  const roles = caller.person?.roles.map((holding) => holding.role) ?? [];
  if (!caller.person || !mayUseCommand(COMMANDS[id], roles)) {
    return caller.t(id === 'ko' ? 'queue.onlySupport' : 'queue.onlyArchive', { command });
  }
  return undefined;
}

const example = (caller: Caller) => `${commandWord('kobleKo', caller.locale)} ${LINE_WORDS.forstelinje[caller.locale][0]}`;

const actorOf = (caller: Caller): QueueActor => ({
  personId: caller.person!.id,
  aadObjectId: caller.person!.aadObjectId,
  roles: caller.person!.roles.map((holding) => holding.role),
});

const nameOf = (queue: QueueChannelView) => ({ line: queue.line, scope: queue.unit?.name ?? queue.subjectArea?.name ?? null });

function choicesText(choices: Choice[], caller: Caller): string {
  if (choices.length === 0) return caller.t('queue.noChoices');
  const shown = choices.slice(0, MAX_CHOICES).map((choice) => `${choice.name} (${choice.code})`);
  if (choices.length > MAX_CHOICES) shown.push(caller.t('queue.moreChoices', { count: choices.length - MAX_CHOICES }));
  return shown.join(', ');
}

async function sendCard(context: TurnContext, caller: Caller, view: Omit<CardView, 'locale' | 'bindCommand'>): Promise<void> {
  const card = queueChannelCard({ ...view, locale: caller.locale, bindCommand: example(caller) }, caller.t);
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * `koble kø <linje> [<enhet|saksområde>]`, `koble fra kø` and `kø`, typed in a channel with
 * @Arkivlos: bind the channel to a line's queue, unbind it, show what it is. Binding is for the
 * archive and administrators; anyone else, and any other conversation, gets a sentence and
 * nothing changes.
 */
export function registerQueues(app: Application, deps: BotDeps): void {
  const showStatus = async (context: TurnContext, caller: Caller) => {
    const queue = await queueOfChannel(deps.prisma, context.activity.conversation.id);
    await sendCard(
      context,
      caller,
      queue ? { state: 'status', queue: nameOf(queue), by: { name: queue.boundBy.name, at: queue.boundAt } } : { state: 'none' },
    );
  };

  app.message(commandPattern(COMMANDS.kobleFraKo), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'kobleFraKo');
    if (refused) return void (await context.sendActivity(refused));
    const removed = await unbindQueueChannel(deps.prisma, { conversationId: context.activity.conversation.id, actor: actorOf(caller) });
    await sendCard(
      context,
      caller,
      removed ? { state: 'unbound', queue: nameOf(removed), by: { name: caller.person!.name, at: deps.now() } } : { state: 'none', unchanged: true },
    );
  });

  app.message(commandWithArgumentsPattern(COMMANDS.kobleKo), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'kobleKo');
    if (refused) return void (await context.sendActivity(refused));
    const rest = commandWithArgumentsPattern(COMMANDS.kobleKo).exec(context.activity.text ?? '')?.[1]?.trim();
    if (!rest) return showStatus(context, caller);

    const command = commandWord('kobleKo', caller.locale);
    const parsed = parseQueueLine(rest);
    if (!parsed.line) {
      const lines = QUEUE_LINES.map((line) => lineUsage(line, caller.locale, (kind) => caller.t(`queue.argument.${kind}`))).join(', ');
      return void (await context.sendActivity(caller.t('queue.unknownLine', { given: parsed.given, command, lines })));
    }
    const resolved = await resolveQueueScope(deps.prisma, { line: parsed.line, argument: parsed.argument });
    if (!resolved.ok) {
      const key: MessageKey = `queue.${resolved.problem}`;
      const usage = `${command} ${LINE_WORDS[parsed.line][caller.locale][0]}`;
      const queue = caller.t(`queue.line.${parsed.line}`, { scope: '' });
      return void (await context.sendActivity(
        caller.t(key, { given: parsed.argument, command: usage, choices: choicesText(resolved.choices, caller), queue }),
      ));
    }
    const result = await bindQueueChannel(deps.prisma, { scope: resolved.scope, channel: channelOf(context), actor: actorOf(caller) });
    await sendCard(context, caller, {
      state: result.outcome,
      queue: nameOf(result.channel),
      by: { name: result.channel.boundBy.name, at: result.channel.boundAt },
      ...(result.movedFrom && { movedFrom: { channelName: result.movedFrom.channelName } }),
      ...(result.replaced && { replaced: nameOf(result.replaced) }),
    });
  });

  app.message(commandPattern(COMMANDS.ko), async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    const refused = refusal(context, caller, 'ko');
    if (refused) return void (await context.sendActivity(refused));
    await showStatus(context, caller);
  });
}
