import type { RoleKey } from '../people/roles.js';

export type Command = 'hjelp' | 'innstillinger';

/**
 * The commands a person can use now, for the help card. Every command here works end to end;
 * later features add theirs (with the roles that may use them) as they land.
 */
const COMMANDS: { command: Command; roles: 'everyone' | RoleKey[] }[] = [
  { command: 'hjelp', roles: 'everyone' },
  { command: 'innstillinger', roles: 'everyone' },
];

export function availableCommands(roles: readonly RoleKey[]): Command[] {
  return COMMANDS.filter((entry) => entry.roles === 'everyone' || entry.roles.some((role) => roles.includes(role))).map(
    (entry) => entry.command,
  );
}
