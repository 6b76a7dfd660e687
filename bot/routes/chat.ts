import type { TurnContext } from 'botbuilder';
import { CardFactory, type Attachment } from 'botbuilder';
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { answerChoiceCard, CHAT_VERBS, chatChoiceDoneCard, filesChoiceCard, keptLine } from '../../cards/chat-choice-card.js';
import { REPLY_LIMIT } from '../../cards/request-reply-card.js';
import { commandWord } from '../../domain/help/commands.js';
import { answerAsRequester } from '../../domain/support/answer-as-requester.js';
import { answerInChat } from '../../domain/support/answer-in-chat.js';
import { FILES_PER_MESSAGE, keepChatFiles, keepPendingFiles } from '../../domain/support/chat-files.js';
import type { IncomingFile } from '../../domain/support/keep-attachments.js';
import { LOCALE_TAGS } from '../../i18n/index.js';
import { loadCaller, turnLogger, type Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';
import { commandScopeOf } from './help.js';
import { answerQuestion } from './self-help.js';

/** A file sent with the paperclip in the 1:1 chat (manifest `supportsFiles`). */
const FILE_DOWNLOAD_INFO = 'application/vnd.microsoft.teams.file.download.info';
const ZFileInfo = z.object({ downloadUrl: z.string().url(), fileType: z.string().max(20).optional() });

/** Card data is untrusted: ids of the right form, and the text as text; the domain checks whose they are. */
const ZKeepFiles = z.object({ batchId: z.string().uuid(), requestId: z.string().uuid() });
const ZAnswer = z.object({ requestId: z.string().uuid(), text: z.string().min(1).max(REPLY_LIMIT) });
const ZSearch = z.object({ text: z.string().min(1).max(REPLY_LIMIT) });

/** The common kinds; anything else is kept as what Teams called it (`application/<type>` is a guess no one needs). */
const MIME_BY_FILE_TYPE: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
};

const isFile = (attachment: Attachment) => attachment.contentType === FILE_DOWNLOAD_INFO || (attachment.contentType.startsWith('image/') && Boolean(attachment.contentUrl));
const hasFiles = (context: TurnContext) => context.activity.type === 'message' && (context.activity.attachments ?? []).some(isFile);

/**
 * The requester's 1:1 chat beyond commands: files and screenshots go onto their open
 * henvendelse, and text onto the one that waits for their answer (the fallback calls
 * `answerWaitingRequest` before self-help). Registered before the fallback.
 */
export function registerChat(app: Application, deps: BotDeps): void {
  app.activity(async (context) => hasFiles(context) && commandScopeOf(context) === 'personal', async (context) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) {
      await context.sendActivity(caller.t('error.unknownPerson'));
      return;
    }
    const { files, notices } = await readFiles(context, caller, deps);
    const text = context.activity.text?.trim();
    if (files.length === 0) {
      // Nothing usable came with it: the text, if any, is read as text.
      if (text && !(await answerWaitingRequest(context, deps, text))) await answerQuestion(context, deps, text);
      return;
    }
    const result = await keepChatFiles(deps.prisma, { requester: caller.person, files, now: deps.now(), fileLinks: deps.chatFiles.links });
    turnLogger(context, deps.logger).info({ outcome: result.outcome, files: files.length, requestId: result.outcome === 'kept' ? result.request.id : undefined }, 'files in the 1:1 chat');
    if (result.outcome === 'noneOpen') {
      await context.sendActivity(caller.t('chat.files.noneOpen', { command: `«${commandWord('nyHenvendelse', caller.locale)}»` }));
    } else if (result.outcome === 'kept') {
      await context.sendActivity([keptLine(result.request.number, files.length, caller.t), ...notices].join('\n\n'));
    } else {
      const card = filesChoiceCard({ batchId: result.batchId, names: files.map((file) => file.name), requests: result.requests }, caller.t);
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      if (notices.length > 0) await context.sendActivity(notices.join('\n\n'));
    }
    // What was written with the files is read like any text in the chat.
    if (text && !(await answerWaitingRequest(context, deps, text))) await answerQuestion(context, deps, text);
  });

  app.adaptiveCards.actionExecute(CHAT_VERBS.keepFiles, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) return caller.t('error.unknownPerson');
    const parsed = ZKeepFiles.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    // Someone else's henvendelse: FORBIDDEN, in words (bot/errors.ts). Someone else's files: none found.
    const result = await keepPendingFiles(deps.prisma, { requester: caller.person, ...parsed.data, now: deps.now(), fileLinks: deps.chatFiles.links });
    turnLogger(context, deps.logger).info({ requestId: parsed.data.requestId, outcome: result.outcome }, 'files kept by choice');
    if (result.outcome === 'kept') return chatChoiceDoneCard({ outcome: 'filesKept', number: result.request.number, count: result.names.length }, caller.t);
    return chatChoiceDoneCard({ outcome: result.outcome === 'gone' ? 'filesGone' : 'filesClosed' }, caller.t);
  });

  app.adaptiveCards.actionExecute(CHAT_VERBS.answer, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    if (!caller.person) return caller.t('error.unknownPerson');
    const parsed = ZAnswer.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    // The id is checked again here: only the caller's own henvendelse, and not a closed one.
    const result = await answerAsRequester(deps.prisma, { requestId: parsed.data.requestId, requester: caller.person, text: parsed.data.text, now: deps.now() });
    turnLogger(context, deps.logger).info({ requestId: parsed.data.requestId, outcome: result.outcome }, 'chat text sent to the chosen henvendelse');
    if (result.outcome !== 'sent') return chatChoiceDoneCard({ outcome: 'answerClosed' }, caller.t);
    const { number } = await deps.prisma.supportRequest.findUniqueOrThrow({ where: { id: parsed.data.requestId }, select: { number: true } });
    return chatChoiceDoneCard({ outcome: 'answerSent', number }, caller.t);
  });

  app.adaptiveCards.actionExecute(CHAT_VERBS.search, async (context, _state, data) => {
    const caller = await loadCaller(context, deps.prisma);
    const parsed = ZSearch.safeParse(data);
    if (!parsed.success) return caller.t('error.invalidData');
    // The self-help card comes as a message of its own; the question card stays as it was.
    if (!(await answerQuestion(context, deps, parsed.data.text))) return caller.t('fallback.text', { command: commandWord('hjelp', caller.locale) });
    return answerChoiceCardFor(caller, parsed.data.text, deps);
  });
}

/** The question card again, for the answer of «Nei, søk i kunnskapsbasen» (the search came as its own message). */
async function answerChoiceCardFor(caller: Caller, text: string, deps: BotDeps) {
  const waiting = await deps.prisma.supportRequest.findMany({
    where: { requesterId: caller.person?.id ?? '', status: 'venter_pa_innmelder' },
    orderBy: { sequence: 'desc' },
    select: { id: true, number: true, what: true },
  });
  return answerChoiceCard({ text, requests: waiting }, caller.t);
}

/**
 * Text in the 1:1 chat while henvendelser wait for the requester: onto the one that waits, or a
 * card asking which. False, having sent nothing, when none waits (then it is a self-help question).
 */
export async function answerWaitingRequest(context: TurnContext, deps: BotDeps, text: string): Promise<boolean> {
  const caller = await loadCaller(context, deps.prisma);
  if (!caller.person || text.length > REPLY_LIMIT) return false;
  const result = await answerInChat(deps.prisma, { requester: caller.person, text, now: deps.now() });
  if (result.outcome === 'noneWaiting') return false;
  turnLogger(context, deps.logger).info({ outcome: result.outcome, requestId: result.outcome === 'sent' ? result.request.id : undefined }, 'chat text for a waiting henvendelse');
  if (result.outcome === 'sent') await context.sendActivity(caller.t('chat.answer.sent', { number: result.request.number }));
  else await context.sendActivity({ attachments: [CardFactory.adaptiveCard(answerChoiceCard({ text, requests: result.requests }, caller.t))] });
  return true;
}

/**
 * The message's files as they are kept: a file by its name, type and Teams' link; a pasted image
 * downloaded at once (its link needs the bot's token, and its lifetime is not documented), or,
 * when too large or not to be had, its link only, with a sentence saying so.
 */
async function readFiles(context: TurnContext, caller: Caller, deps: BotDeps): Promise<{ files: IncomingFile[]; notices: string[] }> {
  const files: IncomingFile[] = [];
  const notices: string[] = [];
  const attachments = (context.activity.attachments ?? []).filter(isFile).slice(0, FILES_PER_MESSAGE);
  let images = 0;
  for (const attachment of attachments) {
    if (attachment.contentType === FILE_DOWNLOAD_INFO) {
      const info = ZFileInfo.safeParse(attachment.content);
      if (!info.success) continue;
      const fileType = info.data.fileType?.toLowerCase() ?? '';
      files.push({
        name: attachment.name?.trim() || `file.${fileType || 'bin'}`,
        contentType: MIME_BY_FILE_TYPE[fileType] ?? 'application/octet-stream',
        link: info.data.downloadUrl,
        content: null,
        sizeBytes: null,
      });
      continue;
    }
    images += 1;
    const downloaded = await deps.chatFiles.downloader.download(attachment.contentUrl!, context.activity.serviceUrl);
    const contentType = downloaded.outcome === 'kept' ? downloaded.contentType : attachment.contentType === 'image/*' ? 'image/png' : attachment.contentType;
    const name = attachment.name?.trim() || `image-${images}.${contentType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png'}`;
    if (downloaded.outcome === 'kept') {
      files.push({ name, contentType, link: null, content: downloaded.content, sizeBytes: downloaded.content.byteLength });
    } else {
      files.push({ name, contentType, link: attachment.contentUrl!, content: null, sizeBytes: downloaded.outcome === 'tooLarge' ? downloaded.sizeBytes : null });
      const max = sizeText(deps.chatFiles.maxImageBytes, caller.locale);
      notices.push(downloaded.outcome === 'tooLarge' ? caller.t('chat.files.tooLarge', { name, max }) : caller.t('chat.files.notDownloaded', { name }));
    }
  }
  return { files, notices };
}

/** `5 MB`, `2 kB`: the size limit as people read it. */
function sizeText(bytes: number, locale: Caller['locale']): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'MB'] : [bytes / 1000, 'kB'];
  return `${value.toLocaleString(LOCALE_TAGS[locale], { maximumFractionDigits: 1 })} ${unit}`;
}
