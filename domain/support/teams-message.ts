import { z } from 'zod';
import { ATTACHMENT_NAME_LIMIT, type IncomingFile } from './keep-attachments.js';

/**
 * The Teams message a message action was used on (`activity.value.messagePayload`), as Arkivlos
 * reads it: its text without HTML, its author, Teams' link to it and its files. Teams sends it
 * with both the fetchTask and the submitAction invoke; nothing in it is trusted beyond its shape.
 */
export interface TeamsMessage {
  id: string | null;
  /** The message's text, HTML turned into plain lines. */
  text: string;
  /** The author's name as Teams showed it (a person, or an app), or null. */
  author: string | null;
  /** Teams' link to the message (https only), or null. */
  link: string | null;
  /** Its files: attachments with a name and an https link (cards and quoted messages are not files). */
  files: IncomingFile[];
}

export const TEAMS_MESSAGE_LIMITS = { id: 200, author: 200, link: 2048, files: 20 } as const;

const ZName = z.object({ displayName: z.string().nullish() }).passthrough().nullish();
const ZMessagePayload = z
  .object({
    id: z.string().nullish(),
    body: z.object({ contentType: z.string().nullish(), content: z.string().nullish() }).passthrough().nullish(),
    from: z.object({ user: ZName, application: ZName }).passthrough().nullish(),
    attachments: z
      .array(z.object({ contentType: z.string().nullish(), contentUrl: z.string().nullish(), name: z.string().nullish() }).passthrough())
      .nullish(),
    linkToMessage: z.string().nullish(),
  })
  .passthrough();

/** Attachment types that are not files: cards, and the message a reply quotes. */
const NOT_FILES = /^(application\/vnd\.microsoft\.card\.|messageReference$)/i;

function httpsUrl(value: string | null | undefined, max: number): string | null {
  if (!value || value.length > max) return null;
  try {
    return new URL(value).protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

const clean = (value: string | null | undefined, max: number): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/** Reads `messagePayload`; anything missing or malformed is left out (an empty message has text ''). */
export function readTeamsMessage(payload: unknown): TeamsMessage {
  const parsed = ZMessagePayload.safeParse(payload);
  if (!parsed.success) return { id: null, text: '', author: null, link: null, files: [] };
  const message = parsed.data;
  const body = message.body?.content ?? '';
  const files = (message.attachments ?? []).flatMap((attachment): IncomingFile[] => {
    const link = httpsUrl(attachment.contentUrl, TEAMS_MESSAGE_LIMITS.link);
    const name = clean(attachment.name, ATTACHMENT_NAME_LIMIT);
    if (!link || !name || NOT_FILES.test(attachment.contentType ?? '')) return [];
    return [{ name, contentType: clean(attachment.contentType, 255) ?? 'application/octet-stream', link, content: null, sizeBytes: null }];
  });
  return {
    id: clean(message.id, TEAMS_MESSAGE_LIMITS.id),
    text: message.body?.contentType?.toLowerCase() === 'text' ? body.trim() : htmlToText(body),
    author: clean(message.from?.user?.displayName ?? message.from?.application?.displayName, TEAMS_MESSAGE_LIMITS.author),
    link: httpsUrl(message.linkToMessage, TEAMS_MESSAGE_LIMITS.link),
    files: files.slice(0, TEAMS_MESSAGE_LIMITS.files),
  };
}

/** The named entities Teams' editor writes (it writes most characters as they are). */
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  laquo: '«', raquo: '»', ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  aelig: 'æ', oslash: 'ø', aring: 'å', AElig: 'Æ', Oslash: 'Ø', Aring: 'Å',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A Teams message's HTML as plain text: paragraphs, line breaks and list items become lines, an
 * image its alt text in brackets, every other tag is dropped and entities are decoded.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<img\b[^>]*?\balt="([^"]*)"[^>]*>/gi, (_, alt: string) => (alt.trim() ? `[${alt.trim()}]` : ''))
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '\n- ')
    .replace(/<\/(p|div|ul|ol|h[1-6]|blockquote|tr|table)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text cut to `max` characters at a word where one is near, with «…». */
export function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
