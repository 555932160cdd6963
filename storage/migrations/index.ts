import { m001Answers } from './001_answers';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Numbers only increase; a released migration is never edited. */
export const migrations: readonly Migration[] = [m001Answers];
