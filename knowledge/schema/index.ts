import { z } from 'zod';
import { standardAnswer } from './answers';
import { productionCalendar } from './calendar';
import { email } from './common';
import { department } from './departments';
import { issueCategory, routing } from './issues';
import { learnedPhrasing } from './learned';
import { playbook } from './playbooks';
import { product } from './products';
import { ratingSettings } from './rating';
import { rightsSection } from './rights';
import { synonymGroup } from './synonyms';

/**
 * Every top-level key a knowledge file may have, with its schema. A file may hold several kinds;
 * a kind may be spread over several files (their lists are concatenated). Add new kinds here.
 */
export const fileSections = {
  answers: z.array(standardAnswer),
  rights: z.array(rightsSection),
  products: z.array(product),
  playbooks: z.array(playbook),
  departments: z.array(department),
  admins: z.array(email),
  calendar: productionCalendar,
  categories: z.array(issueCategory),
  routing,
  rating: ratingSettings,
  synonyms: z.array(synonymGroup),
  learned: z.array(learnedPhrasing),
} as const;

export const knowledgeFile = z.object(fileSections).partial().strict();
export type KnowledgeFile = z.infer<typeof knowledgeFile>;
