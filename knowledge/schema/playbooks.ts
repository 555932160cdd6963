import { z } from 'zod';
import { entryId, isoDate, localizedText } from './common';

/** A playbook (технологическая карта): ordered steps with who does what. */
export const playbook = z
  .object({
    id: entryId,
    title: localizedText,
    summary: localizedText,
    owner: entryId,
    reviewed: isoDate,
    reviewBy: isoDate,
    phrasings: z.array(z.string().min(1)).default([]),
    tags: z.array(z.string().min(1)).default([]),
    steps: z
      .array(
        z
          .object({
            who: localizedText,
            do: localizedText,
            note: localizedText.optional(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Playbook = z.infer<typeof playbook>;
