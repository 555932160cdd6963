// The issue desk's scheduled jobs: department digests, personal reminders and escalation.
import type { KnowledgeBase } from '../../../knowledge/model';
import type { Stores } from '../../../storage/stores';
import type { CoreSettings } from '../command';
import { inBothLocales } from '../i18n';
import { cronOf } from '../scheduler/schedule';
import { type JobContext, type ScheduledJob, Scheduler, type SchedulerDeps } from '../scheduler/scheduler';
import type { Platform } from '../types';
import { buildDigest, type DepartmentDigest, type DigestDeps, digestSince, isEmptyDigest } from './digest';
import { digestReply } from './digestReply';
import { type Escalated, escalateOverdue, findEscalations } from './escalation';
import { type Due, findReminders, sendReminders, type SweepDeps } from './reminders';
import { BANK_SUBJECT, departmentZone, SWEEP_CRON } from './settings';

export const DIGEST_JOB = 'digest';
export const REMINDERS_JOB = 'reminders';
export const ESCALATION_JOB = 'escalation';

/** Enqueues a built digest to its department's channel (in the caller's transaction). */
export function enqueueDigest(stores: Stores, kb: KnowledgeBase, digest: DepartmentDigest, platforms: readonly Platform[], now: Date): void {
  stores.outbox.enqueue(
    {
      target: { kind: 'department', departmentId: digest.department.id },
      reply: inBothLocales((l) => digestReply(digest, kb, l)),
    },
    platforms,
    now,
  );
}

/** One subject per department; `HH:MM` schedules run on working days, cron ones on their days minus days off. */
export const digestJob: ScheduledJob<DepartmentDigest | undefined> = {
  name: DIGEST_JOB,
  schedules: (kb, settings) =>
    kb.departments.map((d) => ({
      subject: d.id,
      schedule: { cron: cronOf(d.digest.schedule), zone: departmentZone(d, settings), days: 'working' as const },
    })),
  /** Built before the claim: reading a large department does not hold the write lock. */
  prepare(ctx) {
    const department = ctx.kb.department(ctx.subject);
    if (!department) return undefined;
    const deps: DigestDeps = { kb: ctx.kb, stores: ctx.stores, calendar: ctx.calendar, settings: ctx.settings };
    const since = ctx.previous?.ranAt ?? digestSince(deps, department, ctx.scheduledFor);
    return buildDigest(deps, department, ctx.now, { since, scheduledFor: ctx.scheduledFor });
  },
  run(ctx, digest) {
    if (!digest) return { skipped: 'unknown department' };
    const empty = isEmptyDigest(digest);
    if (empty && digest.department.digest.skipEmpty) return { messages: 0, skipped: 'empty' };
    enqueueDigest(ctx.stores, ctx.kb, digest, ctx.settings.platforms, ctx.now);
    return { messages: 1, empty, open: digest.openTotal, overdue: digest.overdue.length, late: digest.lateFor !== undefined };
  },
};

function sweepDeps(ctx: JobContext): SweepDeps {
  return { kb: ctx.kb, stores: ctx.stores, calendar: ctx.calendar, zone: ctx.settings.timezone, platforms: ctx.settings.platforms, now: ctx.now };
}

const bankWide = (settings: CoreSettings) => [{ subject: BANK_SUBJECT, schedule: { cron: SWEEP_CRON, zone: settings.timezone, days: 'any' as const } }];

export const remindersJob: ScheduledJob<Due[]> = {
  name: REMINDERS_JOB,
  schedules: (_kb, settings) => bankWide(settings),
  prepare: (ctx) => findReminders(sweepDeps(ctx)),
  run: (ctx, found) => sendReminders(sweepDeps(ctx), found),
};

export const escalationJob: ScheduledJob<Escalated[]> = {
  name: ESCALATION_JOB,
  schedules: (_kb, settings) => bankWide(settings),
  prepare: (ctx) => findEscalations(sweepDeps(ctx)),
  run: (ctx, found) => escalateOverdue(sweepDeps(ctx), found, (event, fields) => ctx.log.warn(event, fields)),
};

export function deskJobs(): ScheduledJob<unknown>[] {
  return [digestJob, remindersJob, escalationJob] as ScheduledJob<unknown>[];
}

/** The scheduler with the issue desk's jobs; others (the committee's monthly report) `register` theirs. */
export function createDeskScheduler(deps: SchedulerDeps): Scheduler {
  return new Scheduler(deps, deskJobs());
}

