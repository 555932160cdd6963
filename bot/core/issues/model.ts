import type { Priority } from '../../../knowledge/schema/issues';
import type { Localized, Platform } from '../types';

export const ISSUE_STATUSES = ['new', 'assigned', 'in_progress', 'waiting_client', 'resolved', 'closed', 'reopened'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const OPEN_STATUSES: readonly IssueStatus[] = ['new', 'assigned', 'in_progress', 'waiting_client', 'reopened'];

/** Which status may follow which; resolving and handing off are separate commands with their own rules. */
export const TRANSITIONS: Record<IssueStatus, readonly IssueStatus[]> = {
  new: ['assigned', 'in_progress', 'waiting_client', 'resolved'],
  assigned: ['in_progress', 'waiting_client', 'resolved'],
  in_progress: ['waiting_client', 'resolved'],
  waiting_client: ['in_progress', 'resolved'],
  reopened: ['assigned', 'in_progress', 'waiting_client', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
};

/** A client issue. Dates are ISO-8601 instants; client and description are already masked. */
export interface Issue {
  id: number;
  number: string;
  client: string;
  clientHash?: string;
  vip: boolean;
  category: string;
  channel: string;
  branch?: string;
  description: string;
  priority: Priority;
  status: IssueStatus;
  department: string;
  assignee?: string;
  requester: string;
  requesterPlatform: Platform;
  routeReason: Localized;
  createdAt: string;
  firstResponseAt?: string;
  firstResponseDue: string;
  dueAt: string;
  regulatory: boolean;
  extended: boolean;
  pausedSince?: string;
  pausedHours: number;
  resolution?: string;
  satisfaction?: number;
  resolvedAt?: string;
  closedAt?: string;
  reopened: number;
  handoffs: number;
  entries: string[];
  sourceEvent?: string;
  version: number;
  updatedAt: string;
}

export type NewIssue = Omit<Issue, 'id' | 'version'>;

export type IssueEventType =
  | 'created'
  /** Written by releases before 'created' carried the routing decision; still read. */
  | 'routed'
  | 'taken'
  | 'assigned'
  | 'status'
  | 'comment'
  | 'handoff'
  | 'resolved'
  | 'reopened'
  | 'extended'
  | 'escalated'
  | 'reminded';

export interface IssueEvent {
  id: number;
  issueId: number;
  at: string;
  actor: string;
  platform: Platform | 'system';
  type: IssueEventType;
  data: Record<string, unknown>;
}

/**
 * What a notification about an issue shows, stored instead of its rendering (small, the same for every
 * platform): the deliverer renders it when it sends it, from the issue as it is then.
 *   card       the department's card (posted, or updated in place)
 *   line       the event's line of history, under the card
 *   requester  the requester's message about the event
 */
export type IssueNoticeKind = 'card' | 'line' | 'requester';

export interface IssueNotice {
  kind: IssueNoticeKind;
  issueId: number;
  eventId: number;
  /** The time zone its times are shown in. */
  zone: string;
}
