import { z } from 'zod';
import { bilingualName, entryId } from './common';

/** Every indicator the department rating can weigh, in the order reports list them. */
export const INDICATORS = [
  'slaShare',
  'firstResponseHours',
  'resolutionHours',
  'handoffShare',
  'reopenedShare',
  'satisfaction',
  'knowledgeFresh',
  'answersHelpful',
  'answersServed',
] as const;
export type IndicatorId = (typeof INDICATORS)[number];

/**
 * How one indicator counts: its weight, and the raw values that score 0 (`worst`) and 100 (`best`).
 * Values in between score linearly; `worst` may be above `best` for "lower is better" (hours, shares of
 * handoffs). Shares are percentages (0–100), times are working hours, satisfaction is the index (0–100),
 * answers served are per 30 days.
 */
export const indicatorSetting = z
  .object({
    weight: z.number().min(0),
    worst: z.number(),
    best: z.number(),
  })
  .strict()
  .refine((s) => s.worst !== s.best, { message: '"worst" and "best" must differ, or no value can be placed between them' });
export type IndicatorSetting = z.infer<typeof indicatorSetting>;

const DEFAULT_INDICATORS: Record<IndicatorId, IndicatorSetting> = {
  slaShare: { weight: 25, worst: 50, best: 100 },
  firstResponseHours: { weight: 10, worst: 8, best: 1 },
  resolutionHours: { weight: 15, worst: 40, best: 4 },
  handoffShare: { weight: 10, worst: 30, best: 0 },
  reopenedShare: { weight: 10, worst: 20, best: 0 },
  satisfaction: { weight: 15, worst: 50, best: 100 },
  knowledgeFresh: { weight: 10, worst: 50, best: 100 },
  answersHelpful: { weight: 5, worst: 50, best: 100 },
  answersServed: { weight: 0, worst: 0, best: 100 },
};

/** A product category of the satisfaction index and the issue categories that belong to it. */
export const productCategory = z
  .object({
    id: entryId,
    name: bilingualName,
    issueCategories: z.array(entryId).min(1),
  })
  .strict();
export type ProductCategory = z.infer<typeof productCategory>;

/** The client satisfaction index: when a figure is precise enough to show, and how far back the dynamics go. */
export const csiSettings = z
  .object({
    /** Fewer ratings than this are reported as "too few ratings", never as a figure. */
    minRatings: z.number().int().min(1).default(5),
    /** How many periods the dynamics (and the line chart) show, the chosen one included. */
    periods: z.number().int().min(2).max(24).default(6),
    /** A change of at least this many index points is named in the conclusions. */
    notableChange: z.number().min(0).default(5),
  })
  .strict();

/** The committee's monthly report: when on the first working day it is posted (bank time). */
export const reportSettings = z
  .object({
    time: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day written HH:MM')
      .default('10:00'),
  })
  .strict();

/** The committee's rating settings (knowledge/base/rating.yaml, top-level key `rating`). */
export const ratingSettings = z
  .object({
    /** A department with fewer issues than this in the period is listed as "not rated". */
    minIssues: z.number().int().min(1).default(5),
    /** Department kinds that are never rated (the committee rates others, not itself). */
    excludeKinds: z
      .array(z.enum(['client_relations', 'operations', 'product', 'service', 'branch', 'committee']))
      .default(['committee']),
    /** Indicators left out weigh nothing. */
    indicators: z
      .object(Object.fromEntries(INDICATORS.map((id) => [id, indicatorSetting.optional()])) as Record<IndicatorId, z.ZodOptional<typeof indicatorSetting>>)
      .strict()
      .default(DEFAULT_INDICATORS),
    csi: csiSettings.default({ minRatings: 5, periods: 6, notableChange: 5 }),
    productCategories: z.array(productCategory).default([]),
    report: reportSettings.default({ time: '10:00' }),
  })
  .strict();
export type RatingSettings = z.infer<typeof ratingSettings>;

/** Settings for a knowledge base without a rating file: the defaults above, no product categories. */
export const DEFAULT_RATING_SETTINGS: RatingSettings = ratingSettings.parse({});
