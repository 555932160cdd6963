import type { Issue, IssueStatus, NewIssue } from '../bot/core/issues/model';
import type { Database } from './database';

interface IssueRow {
  id: number;
  number: string;
  client: string;
  client_hash: string | null;
  vip: number;
  category: string;
  channel: string;
  branch: string | null;
  description: string;
  priority: Issue['priority'];
  status: IssueStatus;
  department: string;
  assignee: string | null;
  requester: string;
  requester_platform: Issue['requesterPlatform'];
  route_reason: string;
  created_at: string;
  first_response_at: string | null;
  first_response_due: string;
  due_at: string;
  regulatory: number;
  extended: number;
  paused_since: string | null;
  paused_hours: number;
  resolution: string | null;
  satisfaction: number | null;
  resolved_at: string | null;
  closed_at: string | null;
  reopened: number;
  handoffs: number;
  entries: string;
  source_event: string | null;
  version: number;
  updated_at: string;
}

const OPEN = `status NOT IN ('resolved', 'closed')`;

function toIssue(r: IssueRow): Issue {
  return {
    id: r.id,
    number: r.number,
    client: r.client,
    clientHash: r.client_hash ?? undefined,
    vip: r.vip === 1,
    category: r.category,
    channel: r.channel,
    branch: r.branch ?? undefined,
    description: r.description,
    priority: r.priority,
    status: r.status,
    department: r.department,
    assignee: r.assignee ?? undefined,
    requester: r.requester,
    requesterPlatform: r.requester_platform,
    routeReason: JSON.parse(r.route_reason),
    createdAt: r.created_at,
    firstResponseAt: r.first_response_at ?? undefined,
    firstResponseDue: r.first_response_due,
    dueAt: r.due_at,
    regulatory: r.regulatory === 1,
    extended: r.extended === 1,
    pausedSince: r.paused_since ?? undefined,
    pausedHours: r.paused_hours,
    resolution: r.resolution ?? undefined,
    satisfaction: r.satisfaction ?? undefined,
    resolvedAt: r.resolved_at ?? undefined,
    closedAt: r.closed_at ?? undefined,
    reopened: r.reopened,
    handoffs: r.handoffs,
    entries: JSON.parse(r.entries),
    sourceEvent: r.source_event ?? undefined,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

function toParams(i: NewIssue | Issue) {
  return {
    number: i.number,
    client: i.client,
    client_hash: i.clientHash ?? null,
    vip: i.vip ? 1 : 0,
    category: i.category,
    channel: i.channel,
    branch: i.branch ?? null,
    description: i.description,
    priority: i.priority,
    status: i.status,
    department: i.department,
    assignee: i.assignee ?? null,
    requester: i.requester,
    requester_platform: i.requesterPlatform,
    route_reason: JSON.stringify(i.routeReason),
    created_at: i.createdAt,
    first_response_at: i.firstResponseAt ?? null,
    first_response_due: i.firstResponseDue,
    due_at: i.dueAt,
    regulatory: i.regulatory ? 1 : 0,
    extended: i.extended ? 1 : 0,
    paused_since: i.pausedSince ?? null,
    paused_hours: i.pausedHours,
    resolution: i.resolution ?? null,
    satisfaction: i.satisfaction ?? null,
    resolved_at: i.resolvedAt ?? null,
    closed_at: i.closedAt ?? null,
    reopened: i.reopened,
    handoffs: i.handoffs,
    entries: JSON.stringify(i.entries),
    source_event: i.sourceEvent ?? null,
    updated_at: i.updatedAt,
  };
}

/** The columns in toParams' order (its values are bound in this order). */
const COLUMNS = Object.keys(toParams({ entries: [], routeReason: { ru: '', en: '' } } as unknown as NewIssue));

/** Client issues. Every change is a version-checked update, so two people acting at once can't both win. */
export class IssueRepository {
  private readonly counter;
  private readonly insertRow;
  private readonly updateRow;
  private readonly byNumberRow;
  private readonly byIdRow;
  private readonly bySourceRow;
  private readonly openForDepartment;
  private readonly openForAssignee;
  private readonly openForRequester;
  private readonly unassignedRows;
  private readonly overdueRows;
  private readonly openRows;

  constructor(db: Database) {
    this.counter = db.prepare(
      `INSERT INTO issue_counters (year, last) VALUES (?, 1)
       ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last`,
    );
    // Positional: binding 32 values by name costs a microsecond more on every issue logged.
    this.insertRow = db.prepare(`INSERT INTO issues (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
    const assignments = COLUMNS.filter((c) => c !== 'number' && c !== 'created_at' && c !== 'source_event')
      .map((c) => `${c} = @${c}`)
      .join(', ');
    this.updateRow = db.prepare(`UPDATE issues SET ${assignments}, version = version + 1 WHERE id = @id AND version = @version`);
    this.byNumberRow = db.prepare('SELECT * FROM issues WHERE number = ?');
    this.byIdRow = db.prepare('SELECT * FROM issues WHERE id = ?');
    this.bySourceRow = db.prepare('SELECT * FROM issues WHERE source_event = ?');
    this.openForDepartment = db.prepare(`SELECT * FROM issues WHERE department = ? AND ${OPEN} ORDER BY due_at LIMIT ?`);
    this.openForAssignee = db.prepare(`SELECT * FROM issues WHERE assignee = ? AND ${OPEN} ORDER BY due_at LIMIT ?`);
    this.openForRequester = db.prepare(`SELECT * FROM issues WHERE requester = ? AND ${OPEN} ORDER BY due_at LIMIT ?`);
    this.unassignedRows = db.prepare(
      `SELECT * FROM issues WHERE department = ? AND assignee IS NULL AND ${OPEN} ORDER BY due_at LIMIT ?`,
    );
    this.overdueRows = db.prepare(`SELECT * FROM issues WHERE department = ? AND ${OPEN} AND due_at < ? ORDER BY due_at LIMIT ?`);
    this.openRows = db.prepare(`SELECT * FROM issues WHERE ${OPEN} ORDER BY due_at`);
  }

  /** `CL-2026-000123`: a per-year counter, so numbers stay short and readable. */
  nextNumber(year: number): string {
    const { last } = this.counter.get(year) as { last: number };
    return `CL-${year}-${String(last).padStart(6, '0')}`;
  }

  insert(issue: NewIssue): Issue {
    const id = Number(this.insertRow.run(Object.values(toParams(issue))).lastInsertRowid);
    return { ...issue, id, version: 1 };
  }

  /** Saves a changed issue if nobody changed it since it was read; false means someone else did. */
  update(issue: Issue): boolean {
    return this.updateRow.run({ ...toParams(issue), id: issue.id, version: issue.version }).changes === 1;
  }

  byNumber(number: string): Issue | undefined {
    const row = this.byNumberRow.get(number.toUpperCase()) as IssueRow | undefined;
    return row && toIssue(row);
  }

  byId(id: number): Issue | undefined {
    const row = this.byIdRow.get(id) as IssueRow | undefined;
    return row && toIssue(row);
  }

  bySourceEvent(key: string): Issue | undefined {
    const row = this.bySourceRow.get(key) as IssueRow | undefined;
    return row && toIssue(row);
  }

  openInDepartment(department: string, limit = 500): Issue[] {
    return (this.openForDepartment.all(department, limit) as IssueRow[]).map(toIssue);
  }
  openAssignedTo(person: string, limit = 500): Issue[] {
    return (this.openForAssignee.all(person, limit) as IssueRow[]).map(toIssue);
  }
  openRequestedBy(person: string, limit = 500): Issue[] {
    return (this.openForRequester.all(person, limit) as IssueRow[]).map(toIssue);
  }
  unassigned(department: string, limit = 500): Issue[] {
    return (this.unassignedRows.all(department, limit) as IssueRow[]).map(toIssue);
  }
  overdue(department: string, now: Date, limit = 500): Issue[] {
    return (this.overdueRows.all(department, now.toISOString(), limit) as IssueRow[]).map(toIssue);
  }
  /** Every open issue (for reminders and escalation). */
  allOpen(): Issue[] {
    return (this.openRows.all() as IssueRow[]).map(toIssue);
  }
}
