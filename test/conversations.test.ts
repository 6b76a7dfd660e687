import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  markConversationUnreachable,
  saveConversationReference,
  type ConversationReferenceInput,
} from '../domain/conversations/save-conversation-reference.js';
import type { Database } from '../infra/database.js';
import { createTestDatabase } from './support/database.js';

const reference = (conversationId: string, serviceUrl = 'https://smba.trafficmanager.net/emea/'): ConversationReferenceInput => ({
  conversationId,
  scope: 'personal',
  aadObjectId: '00000000-0000-0000-0000-0000000000020',
  tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  serviceUrl,
  reference: { channelId: 'msteams', serviceUrl, conversation: { id: conversationId, conversationType: 'personal' } },
});

describe('saving a conversation reference', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('many saves of a new conversation at the same moment all succeed and leave one row', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => saveConversationReference(database.prisma, reference('a:concurrent'))));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await database.prisma.conversationReference.count({ where: { conversationId: 'a:concurrent' } })).toBe(1);
  });

  it('saving what is already stored does not rewrite the row; a change, or a removed app, does', async () => {
    const stored = () => database.prisma.conversationReference.findUniqueOrThrow({ where: { conversationId: 'a:unchanged' } });
    await saveConversationReference(database.prisma, reference('a:unchanged'));
    const first = await stored();

    await new Promise((resolve) => setTimeout(resolve, 10));
    await saveConversationReference(database.prisma, reference('a:unchanged'));
    expect((await stored()).updatedAt).toEqual(first.updatedAt);

    await saveConversationReference(database.prisma, reference('a:unchanged', 'https://smba.trafficmanager.net/amer/'));
    const moved = await stored();
    expect(moved.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
    expect(moved.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    expect(moved.createdAt).toEqual(first.createdAt);

    await markConversationUnreachable(database.prisma, 'a:unchanged', new Date());
    await saveConversationReference(database.prisma, reference('a:unchanged', 'https://smba.trafficmanager.net/amer/'));
    expect((await stored()).unreachableAt).toBeNull();
  });
});
