import { z } from 'zod';
import { bilingualName, entryId } from './common';
import { workingDuration } from './departments';

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

const slaPair = z.object({ firstResponse: workingDuration, resolution: workingDuration }).strict();

/** An issue category: its name, whether it is a regulatory complaint, and its SLA by priority. */
export const issueCategory = z
  .object({
    id: entryId,
    name: bilingualName,
    /** A complaint runs the regulatory clock: 15 working days, never paused, extendable once. */
    complaint: z.boolean().default(false),
    /** Internal clocks stop while the issue waits for the client. */
    pauseWhileWaiting: z.boolean().default(true),
    sla: z.object({ low: slaPair, normal: slaPair, high: slaPair, urgent: slaPair }).partial().strict().default({}),
  })
  .strict();
export type IssueCategory = z.infer<typeof issueCategory>;

const routingRule = z
  .object({
    id: entryId,
    department: entryId,
    /** All given conditions must hold; a rule with none is refused. */
    categories: z.array(entryId).optional(),
    keywords: z.array(z.string().min(2)).optional(),
    branches: z.array(z.string().min(1)).optional(),
    vip: z.boolean().optional(),
    reason: bilingualName.optional(),
  })
  .strict()
  .refine((r) => r.categories || r.keywords || r.branches || r.vip !== undefined, {
    message: 'a rule needs at least one condition: categories, keywords, branches or vip',
  });
export type RoutingRule = z.infer<typeof routingRule>;

/** When assignees are reminded and overdue issues go up to the client work committee. */
export const escalation = z
  .object({
    /** Overdue by more than this many working days goes to the committee (VIP clients' overdue issues at once). */
    committeeAfterDays: z.number().positive().default(2),
    /** The share of an issue's SLA (in working time) at which its assignee is reminded. */
    reminderShare: z.number().gt(0).lt(1).default(0.8),
  })
  .strict();
export type Escalation = z.infer<typeof escalation>;

/** Routing rules, the default department and bank-wide issue settings. */
export const routing = z
  .object({
    default: entryId,
    rules: z.array(routingRule).default([]),
    /** VIP clients get a tighter first response, whatever the category says. */
    vipFirstResponse: workingDuration.default('2h'),
    /** The regulatory complaint clock and its one extension (442-FZ). */
    complaintDays: z.number().int().positive().default(15),
    maxExtensionDays: z.number().int().positive().default(10),
    channels: z.array(entryId).default(['branch', 'phone', 'online', 'chat', 'mail', 'office']),
    /** Reminders and escalation of overdue issues (see bot/core/digest). */
    escalation: escalation.optional(),
  })
  .strict();
export type Routing = z.infer<typeof routing>;
