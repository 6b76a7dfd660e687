import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, commandWords } from '../domain/help/commands.js';
import { demoRoles, personForRole, readDemoPeople } from '../scripts/playground-config.js';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The text of one `## ` section of the README, without its heading. */
function section(title: string): string {
  const found = README.split(/\n## /).find((part) => part.startsWith(`${title}\n`));
  if (!found) throw new Error(`README has no section "## ${title}"`);
  return found.slice(title.length + 1);
}

describe('README', () => {
  it('stands alone: it sends no reader to files outside the repository', () => {
    expect(README).not.toMatch(/\.\.\/|shared\/PRODUCT/);
  });

  it('the demo table names the demo person of every role npm run playground -- --as accepts', async () => {
    const playground = section('Try it in the Agents Playground');
    const rows = new Map(
      [...playground.matchAll(/^\| `([a-z]+)` \| [^|]+ \| ([^|,]+)[,|]/gm)].map((match) => [match[1]!, match[2]!.trim()] as const),
    );
    const people = await readDemoPeople();
    expect([...rows.keys()].sort()).toEqual(demoRoles().sort());
    for (const role of demoRoles()) expect(rows.get(role), role).toBe(personForRole(role, people).name);
    for (const role of demoRoles()) expect(playground.split('```')[1], `--as ${role} in the example`).toContain(role);
  });

  it('the commands section shows every word of every command in the command table', () => {
    const commands = section('Commands');
    for (const word of Object.values(COMMANDS).flatMap(commandWords)) expect(commands).toContain(`\`${word}\``);
  });

  it('the app package step documents every variable npm run package reads', () => {
    const script = readFileSync(new URL('../scripts/package-app.ts', import.meta.url), 'utf8');
    const variables = [...script.matchAll(/env\('([A-Z_]+)'\)/g)].map((match) => match[1]!);
    expect(variables).toEqual(['BOT_ID', 'TEAMS_APP_ID', 'APP_VERSION', 'BOT_DOMAIN', 'WEBSITE_URL', 'PRIVACY_URL', 'TERMS_URL']);
    const deploy = section('Deploy to Teams');
    for (const name of variables) expect(deploy, name).toMatch(new RegExp(`^ *\\| \`${name}\` \\|`, 'm'));
  });
});
