import { m001Answers } from './001_answers';
import { m002Issues } from './002_issues';
import { m003Teams } from './003_teams';
import { m004JobRuns } from './004_jobRuns';
import { m005Suggestions } from './005_suggestions';
import { m006Notices } from './006_notices';
import { m007Unfinished } from './007_unfinished';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Numbers only increase; a released migration is never edited. */
export const migrations: readonly Migration[] = [m001Answers, m002Issues, m003Teams, m004JobRuns, m005Suggestions, m006Notices, m007Unfinished];
