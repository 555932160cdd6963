import { AnchorRepository } from './anchors';
import { AnswerLogRepository } from './answerLog';
import type { Database } from './database';
import { GroupCommit } from './groupCommit';
import { InboundEventRepository } from './inboundEvents';
import { IssueEventRepository } from './issueEvents';
import { IssueRepository } from './issues';
import { JobRunRepository } from './jobRuns';
import { OutboxRepository } from './outbox';
import { PrefsRepository } from './prefs';
import { RatingDataRepository } from './ratingData';
import { SuggestionRepository } from './suggestions';
import { TeamsConversationRepository } from './teamsConversations';

/** Every repository over one database; commands receive this, never the SQL. */
export interface Stores {
  db: Database;
  /** Runs `work` in one transaction: a change and its notifications commit together or not at all. */
  transaction<T>(work: () => T): T;
  /**
   * Runs `work` as `transaction` does, but in a transaction shared with the changes that arrive in the
   * same event-loop turn (group commit); resolves after that transaction has committed.
   */
  grouped<T>(work: () => T): Promise<T>;
  inboundEvents: InboundEventRepository;
  answerLog: AnswerLogRepository;
  prefs: PrefsRepository;
  outbox: OutboxRepository;
  anchors: AnchorRepository;
  issues: IssueRepository;
  issueEvents: IssueEventRepository;
  jobRuns: JobRunRepository;
  /** Read-only facts for the rating, the satisfaction index and statistics. */
  ratingData: RatingDataRepository;
  teamsConversations: TeamsConversationRepository;
  /** Phrasings suggested by use, for the owning department to approve. */
  suggestions: SuggestionRepository;
}

export function openStores(db: Database): Stores {
  const runInTransaction = db.transaction((work: () => unknown) => work());
  const group = new GroupCommit(db);
  const issues = new IssueRepository(db);
  const issueEvents = new IssueEventRepository(db);
  return {
    db,
    // One transaction function for the connection, not a new one per call.
    transaction: <T>(work: () => T): T => runInTransaction.immediate(work) as T,
    grouped: <T>(work: () => T): Promise<T> => group.run(work),
    inboundEvents: new InboundEventRepository(db),
    answerLog: new AnswerLogRepository(db),
    prefs: new PrefsRepository(db),
    outbox: new OutboxRepository(db, issues, issueEvents),
    anchors: new AnchorRepository(db),
    issues,
    issueEvents,
    jobRuns: new JobRunRepository(db),
    ratingData: new RatingDataRepository(db),
    teamsConversations: new TeamsConversationRepository(db),
    suggestions: new SuggestionRepository(db),
  };
}
