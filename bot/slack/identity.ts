import type { webApi } from '@slack/bolt';
import type { KnowledgeBase } from '../../knowledge/model';
import { parseLocale } from '../core/i18n';
import { resolveActor } from '../core/identity';
import type { Logger } from '../core/logger';
import type { Actor, Locale } from '../core/types';

interface SlackProfile {
  email?: string;
  name?: string;
  locale?: Locale;
}

interface Cached<T> {
  value: T;
  until: number;
}

export interface IdentityOptions {
  /** How long a looked-up profile is trusted (people rarely change e-mail). */
  ttlMs?: number;
  /** A failed lookup is retried sooner. */
  failureTtlMs?: number;
  now?: () => number;
}

/**
 * Who a Slack user is, as the departments file knows them: by the Slack id written there, else by the
 * e-mail `users.info` gives (scope `users:read.email`). Lookups are cached; the file is read fresh each time,
 * so an edit to it applies at once.
 */
export class SlackIdentity {
  private readonly profiles = new Map<string, Cached<SlackProfile>>();
  private readonly byEmail = new Map<string, Cached<string | undefined>>();
  private readonly ttlMs: number;
  private readonly failureTtlMs: number;
  private readonly now: () => number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly kb: () => KnowledgeBase,
    private readonly log: Logger,
    options: IdentityOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60 * 60_000;
    this.failureTtlMs = options.failureTtlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async actor(userId: string): Promise<Actor> {
    const kb = this.kb();
    const known = kb.personBySlackId(userId);
    // The file names this Slack id: no need to ask Slack who it is.
    const profile = known ? { email: known.email } : await this.profile(userId);
    return resolveActor(kb, { platform: 'slack', platformUserId: userId, ...profile });
  }

  /** The Slack user id of a member of staff known by e-mail (for DMs to people the file lists without one). */
  async userIdByEmail(email: string): Promise<string | undefined> {
    const person = this.kb().person(email);
    if (person?.slack) return person.slack;
    const key = email.toLowerCase();
    const cached = this.byEmail.get(key);
    if (cached && cached.until > this.now()) return cached.value;
    try {
      const result = await this.client.users.lookupByEmail({ email });
      const id = result.user?.id;
      this.byEmail.set(key, { value: id, until: this.now() + this.ttlMs });
      return id;
    } catch (error) {
      this.log.warn('slack.lookup_by_email_failed', { error: error instanceof Error ? error.message : String(error) });
      this.byEmail.set(key, { value: undefined, until: this.now() + this.failureTtlMs });
      return undefined;
    }
  }

  private async profile(userId: string): Promise<SlackProfile> {
    const cached = this.profiles.get(userId);
    if (cached && cached.until > this.now()) return cached.value;
    try {
      const result = await this.client.users.info({ user: userId, include_locale: true });
      const user = result.user;
      const profile: SlackProfile = {
        email: user?.profile?.email || undefined,
        name: user?.real_name || user?.profile?.real_name || user?.name || undefined,
        locale: parseLocale(user?.locale),
      };
      this.profiles.set(userId, { value: profile, until: this.now() + this.ttlMs });
      this.trim();
      return profile;
    } catch (error) {
      // Unknown for now: a guest with no department. Asked again soon.
      this.log.warn('slack.users_info_failed', { userId, error: error instanceof Error ? error.message : String(error) });
      this.profiles.set(userId, { value: {}, until: this.now() + this.failureTtlMs });
      return {};
    }
  }

  private trim(): void {
    if (this.profiles.size < 10_000) return;
    const now = this.now();
    for (const [id, entry] of this.profiles) if (entry.until < now) this.profiles.delete(id);
  }
}
