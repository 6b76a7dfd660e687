import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ARCHIVE_ENTRIES } from '../../domain/archive/demo/load-demo-archive.js';
import type { Database } from '../../infra/database.js';
import { createTestDatabase } from '../support/database.js';

let db: Database & { url: string };

beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 2 });
});
afterAll(async () => {
  await db.close();
});

function run(script: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npx', ['tsx', `scripts/${script}`, ...args], { env: { ...process.env, DATABASE_URL: db.url } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const count = async (table: string) => Number((await db.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe('npm run demo:load and npm run demo:archive', () => {
  it('demo:load fills an empty database with the demo organisation, its knowledge base and archive data; run again it keeps the archive', async () => {
    const first = await run('demo-load.ts');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('Demo-organisasjonen Eksempel kommune og kunnskapsbasen er lastet inn.');
    expect(first.stdout).toMatch(new RegExp(`Arkivdata: ${DEMO_ARCHIVE_ENTRIES} journalposter i \\d+ saker\\.`));
    expect(await count('knowledge_article')).toBeGreaterThan(0);
    const again = await run('demo-load.ts', '--lang', 'en');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('The archive already held data and was left as it was.');
    expect(await count('archive_entry')).toBe(DEMO_ARCHIVE_ENTRIES);
  }, 90_000);

  it('demo:archive refuses a registry with data unless --replace, and then prints what it made and how fast', async () => {
    const refused = await run('demo-archive.ts', '--entries', '500');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Arkivet har allerede ${DEMO_ARCHIVE_ENTRIES} journalposter. Bruk --replace for å tømme det først.`);
    const made = await run('demo-archive.ts', '--entries', '500', '--seed', 'test', '--replace', '--people', '60');
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain('Demo-organisasjonen: 60 personer.');
    expect(made.stdout).toMatch(/Laget 500 journalposter i \d+ saker, \d+ godkjenningssteg og \d+ vedtak på [\d.]+ s \([\d,]+ journalposter\/s\)\./);
    expect(await count('archive_entry')).toBe(500);
    const bad = await run('demo-archive.ts', '--entries', 'mange');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--entries må være et helt tall fra 1, ikke «mange».');
  }, 90_000);

  it('both refuse a database that holds another organisation, and change nothing', async () => {
    await db.pool.query('TRUNCATE archive_decision, archive_approval_step, archive_entry, archive_case');
    await db.pool.query(`UPDATE person SET aad_object_id = gen_random_uuid()::text WHERE email = 'alex.wilber@eksempel.kommune.no'`);
    const load = await run('demo-load.ts');
    expect(load.code).toBe(1);
    expect(load.stderr).toContain('Databasen har en annen organisasjon');
    const archive = await run('demo-archive.ts');
    expect(archive.code).toBe(1);
    expect(await count('archive_entry')).toBe(0);
  }, 90_000);
});
