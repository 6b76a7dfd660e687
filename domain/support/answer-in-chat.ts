import type { PrismaClient } from '../db.js';
import { answerAsRequester } from './answer-as-requester.js';
import type { ChatRequester, RequestChoice } from './chat-files.js';

export type AnswerInChatResult =
  | { outcome: 'sent'; request: RequestChoice }
  | { outcome: 'choose'; requests: RequestChoice[] }
  | { outcome: 'noneWaiting' };

/**
 * What the requester types in their 1:1 chat (no command): with exactly one henvendelse waiting
 * for them («Venter på innmelder») it is their answer on it; with several they are asked which;
 * with none it is a question for self-help (the caller's business).
 */
export async function answerInChat(prisma: PrismaClient, options: { requester: ChatRequester; text: string; now: Date }): Promise<AnswerInChatResult> {
  const waiting = await prisma.supportRequest.findMany({
    where: { requesterId: options.requester.id, status: 'venter_pa_innmelder' },
    orderBy: { sequence: 'desc' },
    select: { id: true, number: true, what: true },
  });
  if (waiting.length === 0) return { outcome: 'noneWaiting' };
  if (waiting.length > 1) return { outcome: 'choose', requests: waiting };
  const request = waiting[0]!;
  const answered = await answerAsRequester(prisma, { requestId: request.id, requester: options.requester, text: options.text, now: options.now });
  // Between the list and the lock it may have been closed; then it is not waiting any more.
  if (answered.outcome !== 'sent') return { outcome: 'noneWaiting' };
  return { outcome: 'sent', request };
}
