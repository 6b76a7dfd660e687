/**
 * The channel's own conversation id. Teams gives every message in a channel the id of the channel
 * with the thread appended (`19:…@thread.tacv2;messageid=1732…`); sending to that id answers in the
 * thread, sending to the channel's own id starts a new post.
 */
export function channelConversationId(conversationId: string): string {
  const at = conversationId.indexOf(';messageid=');
  return at === -1 ? conversationId : conversationId.slice(0, at);
}
