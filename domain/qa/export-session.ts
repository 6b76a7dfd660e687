import { translator, type Locale, type MessageKey, type Translate } from '../../i18n/index.js';
import type { DbClient } from '../db.js';
import { sessionSummary, type QaExportRow, type QaSessionSummary } from './session-summary.js';

export const QA_EXPORT_FORMATS = ['csv', 'md'] as const;
export type QaExportFormat = (typeof QA_EXPORT_FORMATS)[number];

export interface QaExportFile {
  fileName: string;
  contentType: string;
  body: string;
}

/**
 * CSV for Excel as Norwegian offices have it: `;` between fields, because Excel with Norwegian
 * settings uses `;` as its list separator (the comma is the decimal sign) and opens such a file in
 * columns on a double click; RFC 4180 otherwise (fields with `;`, `"` or line breaks in quotes,
 * `"` doubled, CRLF between records), and UTF-8 with a byte order mark, without which Excel reads
 * æ, ø and å as Windows-1252.
 */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

/** A session's questions and numbers as a file, in the reader's language. */
export async function exportSession(db: DbClient, options: { sessionId: string; format: QaExportFormat; locale: Locale }): Promise<QaExportFile> {
  const summary = await sessionSummary(db, options.sessionId);
  const t = translator(options.locale);
  const name = fileName(summary);
  return options.format === 'csv'
    ? { fileName: `${name}.csv`, contentType: 'text/csv; charset=utf-8', body: sessionCsv(summary, t) }
    : { fileName: `${name}.md`, contentType: 'text/markdown; charset=utf-8', body: sessionMarkdown(summary, t) };
}

/** One record per question or error report, with a header record: for a spreadsheet. */
export function sessionCsv(summary: QaSessionSummary, t: Translate): string {
  const records = [COLUMNS.map((column) => t(column.header)), ...summary.rows.map((row) => COLUMNS.map((column) => column.value(row, t)))];
  return BOM + records.map((record) => record.map(csvField).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** A heading, the numbers, and a table of every question and error report: for a wiki or a report. */
export function sessionMarkdown(summary: QaSessionSummary, t: Translate): string {
  const { session, counts } = summary;
  const lines = [
    `# ${markdownText(t('qa.notify.export.fileTitle', { title: session.title }))}`,
    '',
    markdownText(t('qa.notify.export.fileTime', { start: exportTime(session.startsAt), end: exportTime(session.endsAt) })),
    '',
    markdownText(t('qa.notify.export.fileModerator', { name: session.moderator.name })),
    '',
    `## ${t('qa.notify.export.fileNumbers')}`,
    '',
    ...(
      [
        ['qa.notify.summary.questions', String(counts.questions)],
        ['qa.notify.summary.errorReports', String(counts.errorReports)],
        ['qa.notify.summary.votes', t('qa.notify.summary.votesValue', { votes: counts.votes, voters: counts.voters })],
        ['qa.notify.summary.answered', String(counts.answered)],
        ['qa.notify.summary.unanswered', String(counts.unanswered)],
        ['qa.notify.summary.hidden', String(counts.hidden)],
        ['qa.notify.summary.merged', String(counts.merged)],
      ] as const
    ).map(([key, value]) => `- ${t(key)}: ${value}`),
    '',
    `## ${t('qa.notify.export.fileRows')}`,
    '',
  ];
  if (summary.rows.length === 0) {
    lines.push(t('qa.notify.summary.nothing'));
  } else {
    lines.push(
      `| ${COLUMNS.map((column) => t(column.header)).join(' | ')} |`,
      `| ${COLUMNS.map((column) => (column.numeric ? '---:' : '---')).join(' | ')} |`,
      ...summary.rows.map((row) => `| ${COLUMNS.map((column) => markdownCell(column.value(row, t))).join(' | ')} |`),
    );
  }
  return `${lines.join('\n')}\n`;
}

interface Column {
  header: MessageKey;
  value: (row: QaExportRow, t: Translate) => string;
  numeric?: boolean;
}

const COLUMNS: readonly Column[] = [
  { header: 'qa.notify.export.column.number', value: (row) => String(row.number), numeric: true },
  { header: 'qa.notify.export.column.kind', value: (row, t) => t(`qa.notify.export.kind.${row.kind}`) },
  { header: 'qa.notify.export.column.status', value: (row, t) => t(`qa.notify.export.status.${row.status}`) },
  { header: 'qa.notify.export.column.votes', value: (row) => String(row.votes), numeric: true },
  { header: 'qa.notify.export.column.text', value: (row) => row.text },
  { header: 'qa.notify.export.column.asker', value: (row, t) => row.askerName ?? t('qa.notify.export.anonymous') },
  { header: 'qa.notify.export.column.askedAt', value: (row) => exportTime(row.askedAt) },
  { header: 'qa.notify.export.column.answer', value: (row) => row.answer ?? '' },
  { header: 'qa.notify.export.column.answeredAt', value: (row) => (row.answeredAt ? exportTime(row.answeredAt) : '') },
  { header: 'qa.notify.export.column.answeredBy', value: (row) => row.answeredByName ?? '' },
  { header: 'qa.notify.export.column.knownError', value: (row) => row.knownError?.title ?? '' },
  { header: 'qa.notify.export.column.knownErrorStatus', value: (row, t) => (row.knownError ? t(`qa.notify.export.knownError.${row.knownError.status}`) : '') },
  { header: 'qa.notify.export.column.note', value: noteOf },
];

function noteOf(row: QaExportRow, t: Translate): string {
  return [
    row.status === 'hidden' && row.hiddenReason ? t('qa.notify.export.note.hidden', { reason: row.hiddenReason }) : null,
    row.mergedInto !== null ? t('qa.notify.export.note.merged', { number: row.mergedInto }) : null,
    row.carried ? t('qa.notify.export.note.carried') : null,
  ]
    .filter((note) => note !== null)
    .join('. ');
}

/**
 * One CSV field. A text that starts like a formula (`=`, `+`, `-`, `@`) gets a `'` in front, so
 * Excel shows what was written instead of running it (OWASP's advice against CSV injection).
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Text in Markdown, shown as written: every character Markdown (or HTML in it) could read is escaped. */
export function markdownText(value: string): string {
  return value.replace(/[\\`*_{}[\]()<>#+!|~&]/g, (char) => (char === '&' ? '&amp;' : `\\${char}`));
}

/** A table cell: escaped text, its line breaks as `<br>` (a table row is one line). */
export function markdownCell(value: string): string {
  return markdownText(value).replace(/\r\n|\r|\n/g, '<br>');
}

/** `2026-10-29 08:30`, Norwegian time: a spreadsheet reads it as a date. */
const EXPORT_TIME = new Intl.DateTimeFormat('sv-SE', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Oslo' });
export function exportTime(at: Date): string {
  return EXPORT_TIME.format(at);
}

/** `sporretime-2026-10-29-nytt-sakssystem`: ASCII, so every browser and file system keeps it. */
function fileName(summary: QaSessionSummary): string {
  const slug = summary.session.title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return ['sporretime', exportTime(summary.session.startsAt).slice(0, 10), slug].filter(Boolean).join('-');
}
