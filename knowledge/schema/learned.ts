import { z } from 'zod';
import { email, entryId, isoDate } from './common';

/**
 * A phrasing staff used that a member of the owning department approved (the `suggestions` command
 * writes these to learned-phrasings.yaml); it is searched as one of the entry's own phrasings.
 */
export const learnedPhrasing = z
  .object({
    entry: entryId,
    text: z.string().trim().min(1),
    approvedBy: z.union([email, z.string().min(1)]),
    approvedAt: isoDate,
  })
  .strict();
export type LearnedPhrasing = z.infer<typeof learnedPhrasing>;
