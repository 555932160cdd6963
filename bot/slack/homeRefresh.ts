import type { Core } from '../core/app';
import type { Logger } from '../core/logger';
import type { Actor } from '../core/types';
import { buildHome, readerLocale } from './home';
import type { SlackIdentity } from './identity';
import type { SlackSender } from './sender';
import { classifySlackError } from './webApiErrors';

/** Who opened the home tab, as they were then: enough to tell whether an issue concerns them. */
interface Opener {
  actorId: string;
  departments: string[];
}

export interface HomeRefreshOptions {
  /** Changes within this window are published together (an issue change is several outbox rows). */
  debounceMs?: number;
  /** People remembered; the longest unseen are forgotten first (they get a fresh tab when they open it). */
  maxOpeners?: number;
}

/**
 * Keeps open home tabs current: when an issue changes, the people it concerns (its assignee, its requester
 * and the members of its departments) who have opened the home tab since the bot started get it published
 * again. Memory only: after a restart a tab is refreshed when its owner next opens it, as always.
 */
export class HomeRefresher {
  private readonly openers = new Map<string, Opener>();
  /** Issue number → the departments whose cards changed. */
  private readonly pending = new Map<string, Set<string>>();
  private chain: Promise<void> = Promise.resolve();
  private scheduled = false;
  private readonly debounceMs: number;
  private readonly maxOpeners: number;

  constructor(
    private readonly deps: { core: Core; identity: SlackIdentity; sender: SlackSender; log: Logger },
    options: HomeRefreshOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 1_000;
    this.maxOpeners = options.maxOpeners ?? 10_000;
  }

  /** The person opened their home tab (and it was just published). */
  opened(userId: string, actor: Actor): void {
    this.openers.delete(userId);
    this.openers.set(userId, { actorId: actor.id, departments: [...new Set([...actor.departments, ...actor.heads])] });
    if (this.openers.size > this.maxOpeners) {
      const oldest = this.openers.keys().next().value;
      if (oldest !== undefined) this.openers.delete(oldest);
    }
  }

  /** An issue changed; `department` is one whose card showed it (the old one, on a hand-off). */
  issueChanged(issueNumber: string, department?: string): void {
    if (this.openers.size === 0) return;
    const departments = this.pending.get(issueNumber) ?? new Set<string>();
    if (department) departments.add(department);
    this.pending.set(issueNumber, departments);
    this.schedule();
  }

  /** Resolves when every refresh asked for so far is published (tests, shutdown). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.chain;
      await seen;
    } while (seen !== this.chain);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.chain = this.chain
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, this.debounceMs).unref()))
      .then(() => {
        this.scheduled = false;
        return this.publishPending();
      })
      .catch((error: unknown) => this.deps.log.error('slack.home_refresh_failed', { error }));
  }

  private async publishPending(): Promise<void> {
    const { core, identity, sender, log } = this.deps;
    const people = new Set<string>();
    const departments = new Set<string>();
    for (const [number, changed] of this.pending) {
      const issue = core.stores.issues.byNumber(number);
      for (const d of changed) departments.add(d);
      if (!issue) continue;
      departments.add(issue.department);
      people.add(issue.requester);
      if (issue.assignee) people.add(issue.assignee);
    }
    this.pending.clear();
    const affected = [...this.openers].filter(
      ([, opener]) => people.has(opener.actorId) || opener.departments.some((d) => departments.has(d)),
    );
    for (const [userId] of affected) {
      try {
        const actor = await identity.actor(userId);
        await sender.publishHome(userId, await buildHome(core, actor, readerLocale(core, actor)));
      } catch (error) {
        log.warn('slack.home_refresh_failed', { code: classifySlackError(error).code });
      }
    }
  }
}
