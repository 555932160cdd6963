import { buildDigest } from '../bot/core/digest/digest';
import { digestReply } from '../bot/core/digest/digestReply';
import { inBothLocales } from '../bot/core/i18n';
import type { Platform, Reply } from '../bot/core/types';
import type { WorkingCalendar } from '../bot/core/workingTime';
import type { KnowledgeBase } from '../knowledge/model';
import type { Department } from '../knowledge/schema/departments';
import type { Stores } from '../storage/stores';

export interface DigestBenchDeps {
  kb: KnowledgeBase;
  stores: Stores;
  calendar: WorkingCalendar;
  zone: string;
  platforms: Platform[];
}

/**
 * The one place the benchmark calls the real digest builder: the scheduled digest job's work for one
 * department (bot/core/digest/jobs.ts) without its outbox insert: build the digest, render it in both
 * languages. If the digest API changes, this is the only function to adapt.
 */
export function buildDepartmentDigest(deps: DigestBenchDeps, department: Department, now: Date): { ru: Reply; en: Reply } {
  const digest = buildDigest(
    { kb: deps.kb, stores: deps.stores, calendar: deps.calendar, settings: { timezone: deps.zone } },
    department,
    now,
  );
  return inBothLocales((locale) => digestReply(digest, deps.kb, locale));
}
