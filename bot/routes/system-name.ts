import type { Caller } from '../caller.js';
import type { BotDeps } from '../deps.js';

/** The organisation may name its system (e.g. "Elements"); otherwise the neutral term in the reader's language. */
export function systemName(caller: Caller, deps: BotDeps): string {
  return deps.archiveSystemName ?? caller.t('app.archiveSystem');
}
