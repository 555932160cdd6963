// The committee's monthly report as a scheduled job: on the first working day of each month at the
// time rating.yaml gives (bank time), once — the scheduler's run key (job, subject, occurrence) sees to it
// across restarts and processes.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { CoreSettings } from '../command';
import type { JobContext, JobSchedule, ScheduledJob } from '../scheduler/scheduler';
import type { Reply } from '../types';
import type { ReportContext } from './context';
import { buildMonthlyReport } from './monthlyReport';
import { dataFolderOf } from './outputs';
import { lastFullMonth, type Period } from './period';
import { ratingSettingsOf } from './settings';

export const MONTHLY_REPORT_JOB = 'committee-report';
export const COMMITTEE_SUBJECT = 'committee';

/** Built before the claim's transaction: reading a month of facts and drawing charts need no write lock. */
export interface PreparedReport {
  month: Period;
  reply: { ru: Reply; en: Reply };
}

export const monthlyReportJob: ScheduledJob<PreparedReport | undefined> = {
  name: MONTHLY_REPORT_JOB,
  schedules(kb: KnowledgeBase, settings: CoreSettings): JobSchedule[] {
    const [hours, minutes] = ratingSettingsOf(kb).report.time.split(':').map(Number);
    return [
      {
        subject: COMMITTEE_SUBJECT,
        schedule: { cron: `${minutes} ${hours} * * *`, zone: settings.timezone, days: 'first-working-day-of-month' },
      },
    ];
  },
  prepare(ctx: JobContext): PreparedReport | undefined {
    if (!ctx.kb.committee()) return undefined;
    // The month before the occurrence, even when the run catches up later in the month.
    const month = lastFullMonth(ctx.scheduledFor, ctx.settings.timezone);
    const rc: ReportContext = {
      kb: ctx.kb,
      source: ctx.stores.ratingData,
      zone: ctx.settings.timezone,
      now: ctx.now,
      dataFolder: dataFolderOf(ctx.stores.db.name),
      log: ctx.log,
    };
    return { month, reply: buildMonthlyReport(rc, month) };
  },
  run(ctx: JobContext, prepared: PreparedReport | undefined) {
    if (!prepared) return { messages: 0, skipped: 'no committee in the departments file' };
    ctx.stores.outbox.enqueue({ target: { kind: 'committee' }, reply: prepared.reply }, ctx.settings.platforms, ctx.now);
    return { messages: 1, month: prepared.month.key };
  },
};
