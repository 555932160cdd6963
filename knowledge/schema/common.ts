import { z } from 'zod';

/** Content written in Russian, optionally with an English version; a plain string is Russian. */
export const localizedText = z.union([
  z.string().min(1),
  z.object({ ru: z.string().min(1), en: z.string().min(1).optional() }).strict(),
]);
export type LocalizedText = z.infer<typeof localizedText>;

/** Names that people read in chat exist in both languages. */
export const bilingualName = z.object({ ru: z.string().min(1), en: z.string().min(1) }).strict();

export const entryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id of lowercase latin letters, digits, ".", "_" or "-"');

/** YAML turns 2026-03-01 into a Date; authors may also quote it. Either way we keep `YYYY-MM-DD`. */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
);

export const email = z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'an e-mail address');
