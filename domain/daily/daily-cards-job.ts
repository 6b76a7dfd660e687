import { builtInRegistry } from '../archive/registry/built-in-registry.js';
import { dueRunDate } from '../calendar/working-days.js';
import type { JobContext, ScheduledJob } from '../jobs/scheduled-job.js';
import { getOrganisationSettings } from '../org/organisation-settings.js';
import { sendDailyCards, type SendDailyCardsResult } from './send-daily-cards.js';

/**
 * The morning run of «Mine oppgaver» (PRODUCT.md §3): due on a working day (no weekend, no
 * Norwegian public holiday) from the organisation's `dailyCardTime` in its `timeZone` (07:30
 * Europe/Oslo unless the organisation file says otherwise) for the rest of that day; its run key
 * is the date, so the runner claims it once across instances, and an instance that starts late
 * (after a deploy or a crash) still sends that day's cards. The settings are read on every tick:
 * a new time or zone from `org:import` counts from the next look. A run taken over from a killed
 * instance queues only what is missing (the cards' keys `digest:<person>:<date>`).
 */
export const dailyCardsJob: ScheduledJob = {
  name: 'daily.cards',
  runKey: async (now, prisma) => {
    const settings = await getOrganisationSettings(prisma);
    return dueRunDate(now, settings.dailyCardTime, settings.timeZone);
  },
  run: async (context: JobContext) => {
    await runDailyCards(context);
  },
};

/** One run for the day of its key: the cards of that day, however late the run was claimed. */
export async function runDailyCards(context: Pick<JobContext, 'prisma' | 'runKey' | 'renewLease'>): Promise<SendDailyCardsResult> {
  const settings = await getOrganisationSettings(context.prisma);
  return sendDailyCards(context.prisma, builtInRegistry(context.prisma), {
    date: context.runKey,
    dailyCardTime: settings.dailyCardTime,
    timeZone: settings.timeZone,
    actor: 'system',
    renewLease: context.renewLease,
  });
}
