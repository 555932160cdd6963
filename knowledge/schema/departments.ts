import { z } from 'zod';
import { bilingualName, email, entryId } from './common';

/** Working-time duration: `4h` is four working hours, `3d` three working days. */
export const workingDuration = z
  .string()
  .regex(/^(\d+(\.\d+)?h|\d+d)$/, 'a working-time duration such as "4h" (working hours) or "3d" (whole working days)');

export const member = z
  .object({
    email,
    name: z.string().min(1),
    /** Slack user id, e.g. U012AB3CD. */
    slack: z.string().regex(/^[UW][A-Z0-9]+$/, 'a Slack user id such as U012AB3CD').optional(),
    /** Teams (Azure AD) object id. */
    teams: z.string().min(1).optional(),
    locale: z.enum(['ru', 'en']).optional(),
  })
  .strict();

export const department = z
  .object({
    id: entryId,
    kind: z.enum(['client_relations', 'operations', 'product', 'service', 'branch', 'committee']),
    name: bilingualName,
    /** Issue categories this department answers for. */
    categories: z.array(entryId).default([]),
    /** Knowledge tags of the department's topics (for unanswered questions and ratings). */
    topics: z.array(z.string().min(1)).default([]),
    head: email,
    members: z.array(member).min(1),
    sla: z
      .object({ firstResponse: workingDuration, resolution: workingDuration })
      .strict()
      .default({ firstResponse: '8h', resolution: '5d' }),
    channels: z
      .object({
        slack: z.string().regex(/^[CGD][A-Z0-9]+$/, 'a Slack channel id such as C012AB3CD').optional(),
        teams: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
    digest: z
      .object({
        /** A cron expression, or `HH:MM` for weekdays at that time. */
        schedule: z.string().min(1).default('09:00'),
        timezone: z.string().min(1).optional(),
        skipEmpty: z.boolean().default(false),
      })
      .strict()
      .default({ schedule: '09:00', skipEmpty: false }),
    /** A branch's city and time zone (branches sit in other zones than Moscow). */
    city: z.string().min(1).optional(),
    timezone: z.string().min(1).optional(),
  })
  .strict();
export type Department = z.infer<typeof department>;
export type Member = z.infer<typeof member>;
