import type { KnowledgeBase } from '../../../knowledge/model';
import type { Priority } from '../../../knowledge/schema/issues';
import type { Stores } from '../../../storage/stores';
import { PermissionError, UserError } from '../errors';
import type { Logger } from '../logger';
import { clientRefHash, maskText } from '../mask';
import type { Actor, Locale, Platform, Target } from '../types';
import { addWorkingTime, localDateOf, workingDurationBetween } from '../workingTime';
import { departmentName, describeEvent, STATUS_LABEL } from './issueCards';
import { type Issue, type IssueEvent, type IssueEventType, type IssueNoticeKind, type IssueStatus, TRANSITIONS } from './model';
import { routeIssue } from './routing';
import { computeDue, workingCalendarOf } from './sla';

export interface DeskContext {
  kb: KnowledgeBase;
  stores: Stores;
  clock: { now(): Date };
  zone: string;
  secret: string;
  platforms: readonly Platform[];
  log: Logger;
  actor: Actor;
  platform: Platform;
  /** The platform event that caused this change (makes logging an issue idempotent). */
  eventKey?: string;
}

export interface NewIssueInput {
  client: string;
  vip: boolean;
  category: string;
  channel: string;
  branch?: string;
  priority: Priority;
  description: string;
  entries?: string[];
}

const anchorOf = (issue: Issue) => `issue:${issue.number}`;

/** The issue desk's rules: who may do what, what each change records, and who is told. */
export class IssueDesk {
  constructor(private readonly ctx: DeskContext) {}

  private get now(): Date {
    return this.ctx.clock.now();
  }

  get(number: string): Issue {
    const issue = this.ctx.stores.issues.byNumber(number.trim());
    if (!issue) {
      throw new UserError({ ru: `Обращение ${number} не найдено.`, en: `Issue ${number} was not found.` }, 'not_found');
    }
    return issue;
  }

  canChange(issue: Issue): boolean {
    const { actor } = this.ctx;
    return actor.isAdmin || actor.departments.includes(issue.department);
  }

  canSee(issue: Issue): boolean {
    const { actor } = this.ctx;
    return this.canChange(issue) || actor.id === issue.requester || actor.isCommittee;
  }

  /** Throws the polite refusal when the actor may not change this issue. */
  requireChangeOf(issue: Issue): void {
    this.requireChange(issue);
  }

  private requireChange(issue: Issue): void {
    if (this.canChange(issue)) return;
    const dept = issue.department;
    throw new PermissionError({
      ru: `Изменять обращение ${issue.number} могут сотрудники подразделения «${departmentName(this.ctx.kb, dept, 'ru')}». Вы можете оставить комментарий, если вы заявитель.`,
      en: `Only members of ${departmentName(this.ctx.kb, dept, 'en')} can change issue ${issue.number}. If you logged it, you can comment.`,
    });
  }

  requireSee(issue: Issue): void {
    if (this.canSee(issue)) return;
    throw new PermissionError({
      ru: `Обращение ${issue.number} видят только заявитель и сотрудники ответственного подразделения.`,
      en: `Issue ${issue.number} is visible only to its requester and the responsible department.`,
    });
  }

  /** Logs an issue in a transaction of its own. */
  create(input: NewIssueInput): Issue {
    const existing = this.loggedBefore();
    if (existing) return existing;
    return this.write(this.prepare(input));
  }

  /**
   * Logs an issue in a transaction shared with the others logged in the same moment (group commit: the
   * commit is most of an issue's cost). Resolves once it is committed, so the requester is never told of
   * an issue a crash could lose.
   */
  async createGrouped(input: NewIssueInput): Promise<Issue> {
    const prepared = this.prepare(input);
    // Checked inside the group: an event logged before, or earlier in this very group (a platform's retry).
    // The group gives each change a savepoint of its own, so the rows are written without another.
    return this.ctx.stores.grouped(() => this.loggedBefore() ?? this.writeRows(prepared));
  }

  /** The issue this platform event already logged (logging is idempotent by event). */
  private loggedBefore(): Issue | undefined {
    return this.ctx.eventKey ? this.ctx.stores.issues.bySourceEvent(this.ctx.eventKey) : undefined;
  }

  /** Everything before the transaction: masking, routing, the SLA clock. */
  private prepare(input: NewIssueInput) {
    const { kb, zone } = this.ctx;
    const now = this.now;
    const description = maskText(input.description.trim());
    const client = maskText(input.client.trim());
    const route = routeIssue(kb, { category: input.category, description, branch: input.branch, vip: input.vip });
    const due = computeDue(kb, { category: input.category, priority: input.priority, department: route.department, vip: input.vip }, now, zone, this.ctx.log);
    const year = Number(localDateOf(now, zone).slice(0, 4));
    return { input, now, description, client, route, due, year };
  }

  private write(prepared: ReturnType<IssueDesk['prepare']>): Issue {
    return this.ctx.stores.transaction(() => this.writeRows(prepared));
  }

  /** The issue, its audit event and its notices; the caller holds the transaction. */
  private writeRows({ input, now, description, client, route, due, year }: ReturnType<IssueDesk['prepare']>): Issue {
    const { stores, actor } = this.ctx;
    const issue = stores.issues.insert({
      number: stores.issues.nextNumber(year),
      client,
      clientHash: clientRefHash(input.client, this.ctx.secret),
      vip: input.vip,
      category: input.category,
      channel: input.channel,
      branch: input.branch ? maskText(input.branch) : undefined,
      description,
      priority: input.priority,
      status: 'new',
      department: route.department,
      requester: actor.id,
      requesterPlatform: this.ctx.platform,
      routeReason: route.reason,
      createdAt: now.toISOString(),
      firstResponseDue: due.firstResponseDue.toISOString(),
      dueAt: due.dueAt.toISOString(),
      regulatory: due.regulatory,
      extended: false,
      pausedHours: 0,
      reopened: 0,
      handoffs: 0,
      entries: input.entries ?? [],
      sourceEvent: this.ctx.eventKey,
      updatedAt: now.toISOString(),
    });
    // One event for logging and routing (issues logged before had a 'created' and a 'routed' event).
    const created = this.record(issue, 'created', {
      category: issue.category,
      priority: issue.priority,
      vip: issue.vip,
      department: route.department,
      rule: route.rule,
      reasonRu: route.reason.ru,
      reasonEn: route.reason.en,
    });
    this.notifyCard(issue, created, 'post');
    this.notifyRequester(issue, created);
    return issue;
  }

  take(number: string): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    if (issue.assignee) {
      if (issue.assignee === this.ctx.actor.id) return issue;
      throw new UserError(
        {
          ru: `Обращение ${issue.number} уже взял(а) ${this.name(issue.assignee, 'ru')}.`,
          en: `Issue ${issue.number} has already been taken by ${this.name(issue.assignee, 'en')}.`,
        },
        'conflict',
      );
    }
    if (issue.status === 'resolved' || issue.status === 'closed') this.refuseClosed(issue);
    const status: IssueStatus = issue.status === 'new' || issue.status === 'reopened' ? 'assigned' : issue.status;
    return this.change(issue, { assignee: this.ctx.actor.id, status }, 'taken', { status });
  }

  assign(number: string, email: string): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    const person = this.ctx.kb.person(email);
    if (!person?.departments.includes(issue.department)) {
      throw new UserError({
        ru: `${email} не сотрудник подразделения «${departmentName(this.ctx.kb, issue.department, 'ru')}».`,
        en: `${email} is not a member of ${departmentName(this.ctx.kb, issue.department, 'en')}.`,
      });
    }
    const status: IssueStatus = issue.status === 'new' || issue.status === 'reopened' ? 'assigned' : issue.status;
    return this.change(issue, { assignee: person.email, status }, 'assigned', { assignee: person.email });
  }

  setStatus(number: string, to: IssueStatus): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    if (to === 'resolved') {
      throw new UserError({ ru: 'Чтобы решить обращение, используйте: issue resolve', en: 'To resolve an issue use: issue resolve' });
    }
    if (to === 'reopened') throw new UserError({ ru: 'Используйте: issue reopen', en: 'Use: issue reopen' });
    if (!TRANSITIONS[issue.status].includes(to)) {
      throw new UserError({
        ru: `Из статуса «${STATUS_LABEL[issue.status].ru}» нельзя перейти в «${STATUS_LABEL[to].ru}».`,
        en: `An issue that is ${STATUS_LABEL[issue.status].en} can't become ${STATUS_LABEL[to].en}.`,
      });
    }
    const changes: Partial<Issue> = { status: to, ...this.pauseChanges(issue, to) };
    if (to === 'closed') changes.closedAt = this.now.toISOString();
    return this.change(issue, changes, 'status', { from: issue.status, to });
  }

  comment(number: string, text: string): Issue {
    const issue = this.get(number);
    const isRequester = this.ctx.actor.id === issue.requester;
    if (!this.canChange(issue) && !isRequester) this.requireChange(issue);
    const masked = maskText(text.trim());
    const fromDepartment = this.ctx.actor.departments.includes(issue.department);
    // Only a department's comment is news to the requester (their own is not).
    return this.change(issue, {}, 'comment', { text: masked }, { tellRequester: fromDepartment, countsAsResponse: fromDepartment, updateCard: false });
  }

  handoff(number: string, to: string, reason: string): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    const { kb } = this.ctx;
    if (!kb.department(to)) {
      const known = kb.departments.map((d) => d.id).join(', ');
      throw new UserError({ ru: `Нет подразделения «${to}». Есть: ${known}.`, en: `There is no department "${to}". Known: ${known}.` });
    }
    if (to === issue.department) {
      throw new UserError({ ru: 'Обращение уже в этом подразделении.', en: 'The issue is already with that department.' });
    }
    if (issue.status === 'resolved' || issue.status === 'closed') this.refuseClosed(issue);
    const masked = maskText(reason.trim());
    const from = issue.department;
    const fromName = (l: Locale) => departmentName(kb, from, l);
    const routeReason = {
      ru: `${departmentName(kb, to, 'ru')}: передано из «${fromName('ru')}» — ${masked}`,
      en: `${departmentName(kb, to, 'en')}: handed off by ${fromName('en')} — ${masked}`,
    };
    const updated = this.change(
      issue,
      { department: to, assignee: undefined, status: 'new', handoffs: issue.handoffs + 1, routeReason },
      'handoff',
      { from, to, reason: masked },
      // The old department's card shows the handoff; the new department gets a card of its own.
      { notifyDepartment: from, extra: (next, event) => this.notifyCard(next, event, 'post') },
    );
    return updated;
  }

  resolve(number: string, resolution: string, satisfaction?: number): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    if (issue.status === 'resolved' || issue.status === 'closed') this.refuseClosed(issue);
    const masked = maskText(resolution.trim());
    return this.change(
      issue,
      { status: 'resolved', resolution: masked, satisfaction, resolvedAt: this.now.toISOString(), ...this.pauseChanges(issue, 'resolved') },
      'resolved',
      { resolution: masked, satisfaction },
    );
  }

  reopen(number: string, reason: string): Issue {
    const issue = this.get(number);
    const isRequester = this.ctx.actor.id === issue.requester;
    if (!isRequester) this.requireChange(issue);
    if (issue.status !== 'resolved' && issue.status !== 'closed') {
      throw new UserError({ ru: `Обращение ${issue.number} ещё открыто.`, en: `Issue ${issue.number} is still open.` });
    }
    const masked = maskText(reason.trim());
    return this.change(
      issue,
      { status: 'reopened', reopened: issue.reopened + 1, resolvedAt: undefined, closedAt: undefined, resolution: undefined },
      'reopened',
      { reason: masked },
    );
  }

  /** The regulatory clock may be extended once, by up to the allowed working days, with a reason the requester is told. */
  extend(number: string, days: number, reason: string): Issue {
    const issue = this.get(number);
    this.requireChange(issue);
    const { kb, zone } = this.ctx;
    const max = kb.routing.maxExtensionDays;
    if (!issue.regulatory) {
      throw new UserError({
        ru: 'Продлить можно только срок рассмотрения жалобы (15 рабочих дней).',
        en: 'Only a complaint’s regulatory deadline (15 working days) can be extended.',
      });
    }
    if (issue.extended) throw new UserError({ ru: 'Срок уже продлевался: продлить можно один раз.', en: 'The deadline was already extended: it can be extended only once.' });
    if (!Number.isInteger(days) || days < 1 || days > max) {
      throw new UserError({ ru: `Продление — от 1 до ${max} рабочих дней.`, en: `An extension is 1 to ${max} working days.` });
    }
    const masked = maskText(reason.trim());
    const due = addWorkingTime(new Date(issue.dueAt), { amount: days, unit: 'd' }, workingCalendarOf(kb, this.ctx.log), zone);
    return this.change(issue, { extended: true, dueAt: due.toISOString() }, 'extended', { days, reason: masked, dueAt: due.toISOString() });
  }

  history(issue: Issue, locale: Locale): string[] {
    return this.ctx.stores.issueEvents.history(issue.id).map((e) => describeEvent(e, this.ctx.kb, locale, this.ctx.zone));
  }

  /** Internal clocks stop while waiting for the client (per category); the regulatory one never does. */
  private pauseChanges(issue: Issue, to: IssueStatus): Partial<Issue> {
    const category = this.ctx.kb.category(issue.category);
    const pausable = !issue.regulatory && (category?.pauseWhileWaiting ?? true);
    if (!pausable) return {};
    if (to === 'waiting_client' && !issue.pausedSince) return { pausedSince: this.now.toISOString() };
    if (issue.pausedSince && to !== 'waiting_client') {
      const calendar = workingCalendarOf(this.ctx.kb, this.ctx.log);
      const { hours } = workingDurationBetween(new Date(issue.pausedSince), this.now, calendar, this.ctx.zone);
      const dueAt = hours > 0 ? addWorkingTime(new Date(issue.dueAt), { amount: hours, unit: 'h' }, calendar, this.ctx.zone) : new Date(issue.dueAt);
      return { pausedSince: undefined, pausedHours: issue.pausedHours + hours, dueAt: dueAt.toISOString() };
    }
    return {};
  }

  private refuseClosed(issue: Issue): never {
    throw new UserError({
      ru: `Обращение ${issue.number} уже ${STATUS_LABEL[issue.status].ru}; чтобы продолжить, откройте его повторно: issue reopen ${issue.number} <причина>`,
      en: `Issue ${issue.number} is already ${STATUS_LABEL[issue.status].en}; to continue, reopen it: issue reopen ${issue.number} <reason>`,
    });
  }

  private name(id: string, locale: Locale): string {
    return this.ctx.kb.person(id)?.name ?? (locale === 'ru' ? id : id);
  }

  /**
   * Saves one change with its audit event and notifications in one transaction. A concurrent change by
   * someone else makes the version check fail and nothing is written. The requester is told of the
   * change (unless `tellRequester` is false or they made it), in words rendered from the event.
   */
  private change(
    issue: Issue,
    changes: Partial<Issue>,
    type: IssueEventType,
    data: Record<string, unknown>,
    options: {
      tellRequester?: boolean;
      countsAsResponse?: boolean;
      updateCard?: boolean;
      notifyDepartment?: string;
      extra?: (next: Issue, event: IssueEvent) => void;
    } = {},
  ): Issue {
    const { stores, actor } = this.ctx;
    const now = this.now.toISOString();
    const fromDepartment = actor.departments.includes(issue.department);
    const next: Issue = { ...issue, ...changes, updatedAt: now };
    for (const key of Object.keys(changes) as (keyof Issue)[]) {
      if (changes[key] === undefined) delete next[key];
    }
    const responds = options.countsAsResponse ?? (type !== 'comment' && fromDepartment);
    if (!next.firstResponseAt && responds) next.firstResponseAt = now;
    return stores.transaction(() => {
      if (!stores.issues.update(next)) {
        const current = stores.issues.byNumber(issue.number);
        if (type === 'taken' && current?.assignee) {
          throw new UserError(
            {
              ru: `Обращение ${issue.number} только что взял(а) ${this.name(current.assignee, 'ru')}.`,
              en: `Issue ${issue.number} was just taken by ${this.name(current.assignee, 'en')}.`,
            },
            'conflict',
          );
        }
        throw new UserError(
          { ru: `Обращение ${issue.number} только что изменили. Посмотрите его и повторите.`, en: `Issue ${issue.number} was just changed by someone else. Check it and try again.` },
          'conflict',
        );
      }
      const saved = { ...next, version: issue.version + 1 };
      const event = this.record(saved, type, data);
      const cardDepartment = options.notifyDepartment ?? saved.department;
      if (options.updateCard !== false) this.notifyCard(saved, event, 'update', cardDepartment);
      this.notifyLine(saved, event, cardDepartment);
      options.extra?.(saved, event);
      if (options.tellRequester !== false && saved.requester !== actor.id) this.notifyRequester(saved, event);
      return saved;
    });
  }

  /** Appends an audit event and returns it as the log now holds it. */
  private record(issue: Issue, type: IssueEventType, data: Record<string, unknown>): IssueEvent {
    const at = this.now;
    const { actor, platform } = this.ctx;
    const id = this.ctx.stores.issueEvents.append(issue.id, at, actor.id, platform, type, data);
    return { id, issueId: issue.id, at: at.toISOString(), actor: actor.id, platform, type, data };
  }

  /** Stores what to tell, not its rendering: the deliverer renders it (bot/core/issues/issueNotices.ts). */
  private notify(target: Target, anchor: string | undefined, mode: 'post' | 'update' | 'thread', kind: IssueNoticeKind, issue: Issue, event: IssueEvent): void {
    const notice = { kind, issueId: issue.id, eventId: event.id, zone: this.ctx.zone };
    this.ctx.stores.outbox.notify({ target, anchor, mode, notice }, this.ctx.platforms, event.at);
  }

  /** The department's card: posted, or updated in place. */
  private notifyCard(issue: Issue, event: IssueEvent, mode: 'post' | 'update', department = issue.department): void {
    this.notify({ kind: 'department', departmentId: department }, anchorOf(issue), mode, 'card', issue, event);
  }

  /** The event's line of history, in the card's thread. */
  private notifyLine(issue: Issue, event: IssueEvent, department = issue.department): void {
    this.notify({ kind: 'department', departmentId: department }, anchorOf(issue), 'thread', 'line', issue, event);
  }

  private notifyRequester(issue: Issue, event: IssueEvent): void {
    this.notify({ kind: 'person', personId: issue.requester }, undefined, 'post', 'requester', issue, event);
  }
}
