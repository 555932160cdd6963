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
