import { randomBytes } from 'node:crypto';
import type { Localized } from './types';

/** A mistake the person can fix: shown to them as it is. */
export class UserError extends Error {
  constructor(
    readonly text: Localized,
    readonly code = 'user_error',
  ) {
    super(text.en);
  }
}

/** The command was called wrongly: the reply says how to call it. */
export class UsageError extends UserError {
  constructor(
    readonly commandName: string,
    readonly problem?: Localized,
  ) {
    super(problem ?? { ru: 'Неверные аргументы.', en: 'Wrong arguments.' }, 'usage');
  }
}

/** The person may not do this; said politely. */
export class PermissionError extends UserError {
  constructor(text: Localized) {
    super(text, 'forbidden');
  }
}

/** A submitted form has fields to correct; each message is shown next to its field. */
export class FormError extends UserError {
  constructor(readonly fields: Record<string, Localized>) {
    super({ ru: 'Исправьте отмеченные поля.', en: 'Please correct the marked fields.' }, 'form');
  }
}

/** Short, quotable id that joins what the person saw to the log line with the details. */
export function newErrorId(): string {
  return `E-${randomBytes(4).toString('hex').toUpperCase()}`;
}
