import { z } from 'zod';

/**
 * Terms that mean the same in the bank's language. The first term of a group is its canonical form;
 * a question or a phrasing that uses any other term is also searched as if it said the first one.
 */
export const synonymGroup = z.array(z.string().trim().min(1)).min(2, 'a group needs at least two terms');
export type SynonymGroup = z.infer<typeof synonymGroup>;
