import { webApi } from '@slack/bolt';

export interface SlackFailure {
  /** Slack's error code (`channel_not_found`) or the kind of transport failure. */
  code: string;
  retryable: boolean;
  /** From `Retry-After` on HTTP 429. */
  retryAfterMs?: number;
}

/** Errors that another attempt will not fix: the outbox marks them failed instead of retrying. */
const PERMANENT = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'msg_too_long',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_arguments',
  'user_not_found',
  'users_not_found',
  'cant_update_message',
  'message_not_found',
  'edit_window_closed',
  'restricted_action',
  'ekm_access_denied',
  'team_access_not_granted',
  'user_not_in_channel',
  'cannot_dm_bot',
  'expired_trigger_id',
  'invalid_trigger_id',
  'exchanged_trigger_id',
]);

/** Reads an error from the Web API client: what went wrong and whether trying again may help. */
export function classifySlackError(error: unknown): SlackFailure {
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return { code: 'ratelimited', retryable: true, retryAfterMs: error.retryAfter * 1000 };
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = error.data.error;
    return { code, retryable: !PERMANENT.has(code) };
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return { code: `http_${error.statusCode}`, retryable: error.statusCode >= 500 || error.statusCode === 408 };
  }
  if (error instanceof webApi.WebAPIRequestError) return { code: 'network', retryable: true };
  // p-retry wraps the last error when retries are on; look inside once.
  if (error instanceof Error && error.cause && error.cause !== error) return classifySlackError(error.cause);
  return { code: error instanceof Error ? error.message : String(error), retryable: true };
}

/** Errors meaning the bot cannot post in that conversation (it is not a member, or the DM is not its own). */
export function isNoAccess(failure: SlackFailure): boolean {
  return ['channel_not_found', 'not_in_channel', 'is_archived', 'restricted_action', 'user_not_in_channel', 'cannot_dm_bot'].includes(
    failure.code,
  );
}
