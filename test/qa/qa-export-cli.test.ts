/** `npm run qa:export` as a child process, without a running bot, on this file's database. */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../domain/qa/create-session.js';
import { submitQuestion } from '../../domain/qa/submit-question.js';
import { QA_EXPORT_TEXTS, QA_EXPORT_USAGE, readQaExportArgs } from '../../scripts/qa-export-args.js';
import { createTestDatabase } from '../support/database.js';
import { ASKER_NB, ASKER_NN, hoursFromNow, importQaPeople, MODERATOR, NOW } from './qa-people.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type TestDatabase = Awaited<ReturnType<typeof createTestDatabase>>;
type Run = { code: number; stdout: string; stderr: string };

let db: TestDatabase;
let sessionId: string;
let dir: string;

const runCli = (args: string[]): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/qa-export.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'qa-export-'));
  const actor = await importQaPeople(db.prisma);
  const [session] = await createSession(db.prisma, {
    conversationId: '19:cli@thread.tacv2', title: 'Opplæring i arkivering', anonymousAllowed: true, actor: await actor(MODERATOR), now: NOW,
    schedule: { once: { startsAt: hoursFromNow(1), endsAt: hoursFromNow(2) } },
  });
  sessionId = session!.id;
  await submitQuestion(db.prisma, { sessionId, kind: 'question', text: 'Må jeg journalføre e-post; også "kopier"?', anonymous: false, asker: await actor(ASKER_NB), now: NOW });
  await submitQuestion(db.prisma, { sessionId, kind: 'error_report', text: 'Knappen «Lagre» er grå', anonymous: true, asker: await actor(ASKER_NN), now: NOW });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await db?.close();
});

describe('npm run qa:export', () => {
  it('prints the CSV of a session, writes Markdown to a file with --out, and refuses an unknown id with exit code 1', async () => {
    const out = join(dir, 'x.md');
    // One process each, at once: each starts tsx, which takes most of the time.
    const [csv, markdown, unknown] = await Promise.all([
      runCli([sessionId]),
      runCli([sessionId, '--format', 'md', '--out', out]),
      runCli(['00000000-0000-4000-8000-000000000000']),
    ]);

    expect(csv).toMatchObject({ code: 0, stderr: '' });
    expect(csv.stdout.startsWith('\uFEFFNr.;Type;Status;Stemmer;Tekst;Spurt av;')).toBe(true);
    expect(csv.stdout).toContain(`;"Må jeg journalføre e-post; også ""kopier""?";${ASKER_NB.name};`);
    expect(csv.stdout).toContain(';Knappen «Lagre» er grå;Anonym;');
    expect(csv.stdout).not.toContain(ASKER_NN.name);
    expect(csv.stdout.split('\r\n')).toHaveLength(4); // header, two records, and the empty string after the last CRLF

    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toBe('');
    expect(markdown.stderr).toMatch(/^Skrev .*x\.md \(\d+ byte\)\.\n$/);
    expect(await readFile(out, 'utf8')).toMatch(/^# Spørretime: Opplæring i arkivering\n/);

    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toBe('Fant ingen spørretime med id 00000000-0000-4000-8000-000000000000.\n');
  }, 60_000);

  it('reads its arguments: the id, --format, --out and --lang; anything else is told with the usage (the script then exits with 1)', () => {
    const read = (args: string[]) => {
      const said: string[] = [];
      return { request: readQaExportArgs(args, (line) => said.push(line)), said };
    };
    const id = '0b6c2a4e-1111-4222-8333-444455556666';
    expect(read([id])).toEqual({ request: { sessionId: id, format: 'csv', locale: 'nb', out: undefined }, said: [] });
    expect(read([id, '--format', 'md', '--out', 'a.md', '--lang', 'nn']).request).toEqual({ sessionId: id, format: 'md', locale: 'nn', out: 'a.md' });
    expect(read([id, '--format', 'xlsx']).said).toEqual([QA_EXPORT_TEXTS.unknownFormat('xlsx'), QA_EXPORT_USAGE]);
    expect(read(['nummer-7']).said).toEqual([QA_EXPORT_TEXTS.notAnId('nummer-7'), QA_EXPORT_USAGE]);
    expect(read([id, '--lang', 'de']).said).toEqual([QA_EXPORT_TEXTS.unknownLanguage('de'), QA_EXPORT_USAGE]);
    expect(read([]).said).toEqual([QA_EXPORT_USAGE]);
    expect(read([id, id]).said).toEqual([QA_EXPORT_USAGE]);
    expect(read([id, '--colour']).said.at(-1)).toBe(QA_EXPORT_USAGE);
    for (const args of [[id, '--format', 'xlsx'], ['nummer-7'], [id, '--lang', 'de'], [], [id, id], [id, '--colour']]) expect(read(args).request).toBeUndefined();
  });
});
