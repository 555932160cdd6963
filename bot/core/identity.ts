import type { KnowledgeBase } from '../../knowledge/model';
import type { Actor, Locale, Platform } from './types';

export interface PlatformUser {
  platform: Platform;
  platformUserId: string;
  email?: string;
  name?: string;
  locale?: Locale;
}

/**
 * Who is speaking, as the departments file knows them: by e-mail first, then by the platform id written
 * there (`slack: U…`, `teams: <aad id>`). Someone the file doesn't know is a guest with no department.
 */
export function resolveActor(kb: KnowledgeBase, user: PlatformUser): Actor {
  const person =
    (user.email ? kb.person(user.email) : undefined) ??
    (user.platform === 'slack' ? kb.personBySlackId(user.platformUserId) : undefined) ??
    (user.platform === 'teams' ? kb.personByTeamsId(user.platformUserId) : undefined) ??
    (user.platform === 'console' ? kb.person(user.platformUserId) : undefined);
  const email = person?.email ?? user.email;
  const id = email ? email.toLowerCase() : `${user.platform}:${user.platformUserId}`;
  const committee = kb.committee();
  return {
    id,
    email,
    name: person?.name ?? user.name ?? id,
    platform: user.platform,
    platformUserId: user.platformUserId,
    departments: person?.departments ?? [],
    heads: person?.heads ?? [],
    isAdmin: kb.admins.some((a) => a.toLowerCase() === id),
    isCommittee: !!committee && (person?.departments.includes(committee.id) ?? false),
    locale: person?.locale ?? user.locale ?? 'ru',
  };
}
