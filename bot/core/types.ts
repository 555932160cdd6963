// The platform-neutral contract between adapters, the dispatcher, commands and renderers.
// Nothing here may mention Slack or Teams.

export type Locale = 'ru' | 'en';
export const LOCALES: readonly Locale[] = ['ru', 'en'];

/** Text in every language a person may read in chat. */
export interface Localized {
  ru: string;
  en: string;
}

export type Platform = 'console' | 'slack' | 'teams';

/** A member of staff as the core sees them, whatever platform they came through. */
export interface Actor {
  /** Stable key: the e-mail from the departments file, else a platform id such as `slack:U012AB3CD`. */
  id: string;
  email?: string;
  name: string;
  platform: Platform;
  /** The platform's own user id (`U012AB3CD`, an AAD object id, the console user). */
  platformUserId: string;
  departments: string[];
  /** Departments this person heads. */
  heads: string[];
  isAdmin: boolean;
  isCommittee: boolean;
  locale: Locale;
}

/** Where a message came from and where its reply goes. */
export interface ConversationRef {
  platform: Platform;
  /** Channel, DM or conversation id on the platform. */
  id: string;
  /** Thread (Slack `thread_ts`, Teams reply chain) when the message is in one. */
  threadId?: string;
  isDirect: boolean;
}

export type Incoming =
  | {
      kind: 'message';
      text: string;
      actor: Actor;
      conversation: ConversationRef;
      eventId: string;
    }
  | {
      kind: 'action';
      /** `family.verb`, e.g. `issue.take`; a submitted form uses its `formId`. */
      actionId: string;
      /** A button's value arrives as `{ value }`; a form's inputs by their ids. */
      values: Record<string, string>;
      actor: Actor;
      conversation: ConversationRef;
      eventId: string;
    };

export interface FormOption {
  value: string;
  label: string;
}

export interface FormInput {
  id: string;
  label: string;
  kind: 'text' | 'textarea' | 'select' | 'number';
  required: boolean;
  options?: FormOption[];
  initial?: string;
  placeholder?: string;
  hint?: string;
}

export type SourceKind = 'answer' | 'right' | 'product' | 'playbook';

export type Block =
  | { type: 'text'; markdown: string }
  | { type: 'heading'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | {
      type: 'choices';
      prompt?: string;
      items: { title: string; actionId: string; value: string; detail?: string }[];
    }
  | {
      type: 'buttons';
      buttons: { label: string; actionId: string; value: string; style?: 'primary' | 'danger' }[];
    }
  | {
      type: 'form';
      /** The action id the form submits to (`issue.new`). */
      formId: string;
      title: string;
      inputs: FormInput[];
      submitLabel: string;
      /** Carried back with the submission, e.g. the issue a handoff form is about. */
      hidden?: Record<string, string>;
    }
  | { type: 'source'; kind: SourceKind; id: string; title: string; reviewed?: string; label: string }
  | { type: 'image'; path: string; alt: string; title?: string }
  | { type: 'divider' };

export interface Reply {
  blocks: Block[];
  /** Plain text for notifications, screen readers and platforms that show no blocks. */
  fallbackText: string;
  /** `private`: only the asker sees it where the platform allows (Slack ephemeral). */
  visibility?: 'private' | 'public';
  inThread?: boolean;
}

/** Where a message the bot sends on its own should go. */
export type Target =
  | { kind: 'department'; departmentId: string }
  | { kind: 'person'; personId: string }
  | { kind: 'committee' }
  | { kind: 'conversation'; conversation: ConversationRef };

/** A message the bot sends on its own, stored in the outbox before it is delivered. */
export interface Notification {
  target: Target;
  /** Rendered per recipient locale at delivery time. */
  reply: { ru: Reply; en: Reply };
  /**
   * Messages with the same anchor belong together: the first creates a post, `mode: 'update'` edits it
   * in place, `mode: 'thread'` answers in its thread.
   */
  anchor?: string;
  mode?: 'post' | 'update' | 'thread';
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
