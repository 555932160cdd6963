import { z } from 'zod';
import { entryId, isoDate, localizedText } from './common';

const term = z
  .object({
    name: localizedText,
    value: z.union([z.string(), z.number()]).transform(String),
    note: localizedText.optional(),
  })
  .strict();

export const product = z
  .object({
    id: entryId,
    name: localizedText,
    /** Product category id, e.g. `cards`, `deposits`, `loans`. */
    category: entryId,
    summary: localizedText,
    terms: z
      .object({
        rates: z.array(term).default([]),
        fees: z.array(term).default([]),
        limits: z.array(term).default([]),
        currency: z.array(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code')).default([]),
      })
      .strict(),
    eligibility: z.array(localizedText).default([]),
    documents: z.array(localizedText).default([]),
    channels: z.array(localizedText).default([]),
    phrasings: z.array(z.string().min(1)).default([]),
    tags: z.array(z.string().min(1)).default([]),
    owner: entryId,
    reviewed: isoDate,
    reviewBy: isoDate,
  })
  .strict();
export type Product = z.infer<typeof product>;
