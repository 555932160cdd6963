// The facts the rating, the index and the statistics are computed from, as the repository reads them.
// Instants are epoch milliseconds: the computations compare them a great many times.

export interface IssueFact {
  id: number;
  number: string;
  category: string;
  branch?: string;
  /** The department that has the issue now (for a resolved issue: the one that resolved it). */
  department: string;
  assignee?: string;
  createdAt: number;
  firstResponseAt?: number;
  dueAt: number;
  resolvedAt?: number;
  /** Working hours the internal clock stood still while waiting for the client. */
  pausedHours: number;
  /** 1–5, recorded at resolution. */
  satisfaction?: number;
  reopened: number;
}

export type EventFactType = 'routed' | 'handoff' | 'taken' | 'assigned' | 'resolved' | 'reopened';

export interface EventFact {
  issueId: number;
  at: number;
  actor: string;
  type: EventFactType;
  /** `routed`: department; `handoff`: from, to; `assigned`: assignee. */
  data: Record<string, unknown>;
}

export interface AnswerFact {
  servedAt: number;
  owner: string;
  actorId: string;
  /** null until the person rated the answer. */
  helpful: boolean | null;
}

export interface UnansweredFact {
  askedAt: number;
  department?: string;
  actorId: string;
}

/** Everything that happened in a window of time, plus the issues still open in it. */
export interface RatingFacts {
  from: number;
  to: number;
  issues: IssueFact[];
  events: EventFact[];
  answers: AnswerFact[];
  unanswered: UnansweredFact[];
}

/** What the computations need to read facts: a repository in production, anything in a test. */
export interface RatingFactSource {
  /**
   * Issues that may matter to a period inside `[from, to)` (created before `to` and not resolved before
   * `from`), and the events, answers and unanswered questions inside it.
   */
  load(from: Date, to: Date): RatingFacts;
}
