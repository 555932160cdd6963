import { z } from 'zod';
import { entryId, isoDate, localizedText } from './common';

/** One numbered article of the client rights code (кодекс прав клиентов). */
export const rightsArticle = z
  .object({
    number: z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?$/)]).transform(String),
    title: localizedText,
    text: localizedText,
    tags: z.array(z.string().min(1)).default([]),
    phrasings: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const rightsSection = z
  .object({
    id: entryId,
    title: localizedText,
    owner: entryId,
    reviewed: isoDate,
    reviewBy: isoDate,
    articles: z.array(rightsArticle).min(1),
  })
  .strict();
export type RightsSection = z.infer<typeof rightsSection>;
export type RightsArticle = z.infer<typeof rightsArticle>;
