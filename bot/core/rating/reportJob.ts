// The committee's monthly report as a scheduled job: on the first working day of each month at the
// time rating.yaml gives (bank time), once — the scheduler's run key (job, subject, occurrence) sees to it
// across restarts and processes.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { CoreSettings } from '../command';
import type { JobContext, JobSchedule, ScheduledJob } from '../scheduler/scheduler';
import { enqueueMonthlyReport } from './monthlyReport';
import { dataFolderOf } from './outputs';
import { lastFullMonth } from './period';
import { ratingSettingsOf } from './settings';

export const MONTHLY_REPORT_JOB = 'committee-report';
export const COMMITTEE_SUBJECT = 'committee';

export const monthlyReportJob: ScheduledJob = {
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
  run(ctx: JobContext) {
    if (!ctx.kb.committee()) return { messages: 0, skipped: 'no committee in the departments file' };
    // The month before the occurrence, even when the run catches up later in the month.
    const month = lastFullMonth(ctx.scheduledFor, ctx.settings.timezone);
    enqueueMonthlyReport(
      ctx.stores,
      {
        kb: ctx.kb,
        source: ctx.stores.ratingData,
        zone: ctx.settings.timezone,
        now: ctx.now,
        dataFolder: dataFolderOf(ctx.stores.db.name),
        log: ctx.log,
      },
      month,
      ctx.settings.platforms,
    );
    return { messages: 1, month: month.key };
  },
};
