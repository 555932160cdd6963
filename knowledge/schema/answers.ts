import { z } from 'zod';
import { entryId, isoDate, localizedText } from './common';

/** A standard answer (банк стандартных ответов). */
export const standardAnswer = z
  .object({
    id: entryId,
    question: localizedText,
    /** Other ways staff ask the same thing, in either language. */
    phrasings: z.array(z.string().min(1)).default([]),
    answer: localizedText,
    tags: z.array(z.string().min(1)).default([]),
    /** The department that owns and reviews this answer. */
    owner: entryId,
    reviewed: isoDate,
    reviewBy: isoDate,
    rights: z.array(z.string().min(1)).default([]),
    products: z.array(entryId).default([]),
  })
  .strict();
export type StandardAnswer = z.infer<typeof standardAnswer>;
