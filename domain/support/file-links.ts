/**
 * Where support sees a kept image: a link the bot serves itself (`GET /files/<id>?sig=…`,
 * bot/file-links.ts signs it). A port, so the domain never holds the secret or the host name;
 * null when the bot has no public address to give.
 */
export interface FileLinks {
  imageUrl(attachmentId: string): string | null;
}
