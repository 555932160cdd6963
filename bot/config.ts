import { resolve } from 'node:path';
import { z } from 'zod';
import { defaultKnowledgeFolder } from '../knowledge/folder';
import type { Platform } from './core/types';

const PLATFORMS = ['console', 'slack', 'teams'] as const;

const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/** The environment variables clientdesk reads (names fixed in ARCHITECTURE.md). */
const envSchema = z.object({
  CLIENTDESK_KB: optional,
  CLIENTDESK_DB: optional,
  CLIENTDESK_TZ: optional,
  CLIENTDESK_USER: optional,
  CLIENTDESK_SECRET: optional,
  CLIENTDESK_PLATFORMS: optional,
  CLIENTDESK_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional,
  SLACK_API_URL: optional,
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  MICROSOFT_APP_TYPE: optional,
});

export interface Config {
  knowledgeFolder: string;
  databaseFile: string;
  timezone: string;
  consoleUser?: string;
  secret: string;
  secretIsDefault: boolean;
  platforms: Platform[];
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  port: number;
  slack: { botToken?: string; signingSecret?: string; appToken?: string; apiUrl?: string };
  teams: { appId?: string; appPassword?: string; tenantId?: string; appType?: string };
}

export class ConfigError extends Error {}

/** A secret for local use only: the log warns when production runs without its own. */
const LOCAL_SECRET = 'clientdesk-local-development-secret';

export function parseConfig(env: Record<string, string | undefined>, argv: string[] = []): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`bad configuration: ${problems}`);
  }
  const e = parsed.data;
  const timezone = e.CLIENTDESK_TZ ?? 'Europe/Moscow';
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ConfigError(`CLIENTDESK_TZ: unknown time zone "${timezone}" (use an IANA name such as Europe/Moscow)`);
  }
  const slackHttp = !!(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET);
  const slackSocket = !!(e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN);
  let platforms: Platform[];
  if (e.CLIENTDESK_PLATFORMS) {
    const names = e.CLIENTDESK_PLATFORMS.split(',').map((p) => p.trim().toLowerCase()).filter(Boolean);
    const unknown = names.filter((n) => !(PLATFORMS as readonly string[]).includes(n));
    if (unknown.length > 0) throw new ConfigError(`CLIENTDESK_PLATFORMS: unknown ${unknown.join(', ')} (use console, slack, teams)`);
    platforms = [...new Set(names)] as Platform[];
  } else {
    platforms = [];
    if (slackHttp || slackSocket) platforms.push('slack');
    if (e.MICROSOFT_APP_ID) platforms.push('teams');
    if (platforms.length === 0) platforms.push('console');
  }
  if (platforms.includes('slack') && !e.SLACK_BOT_TOKEN) {
    throw new ConfigError('Slack needs SLACK_BOT_TOKEN and either SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
  }
  if (platforms.includes('slack') && !slackHttp && !slackSocket) {
    throw new ConfigError('Slack needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) besides SLACK_BOT_TOKEN');
  }
  const asIndex = argv.indexOf('--as');
  const consoleUser = asIndex >= 0 ? argv[asIndex + 1] : e.CLIENTDESK_USER;
  return {
    knowledgeFolder: resolve(e.CLIENTDESK_KB ?? defaultKnowledgeFolder()),
    databaseFile: e.CLIENTDESK_DB === ':memory:' ? ':memory:' : resolve(e.CLIENTDESK_DB ?? 'data/clientdesk.db'),
    timezone,
    consoleUser,
    secret: e.CLIENTDESK_SECRET ?? LOCAL_SECRET,
    secretIsDefault: !e.CLIENTDESK_SECRET,
    platforms,
    logLevel: e.CLIENTDESK_LOG_LEVEL ?? (platforms.includes('console') ? 'warn' : 'info'),
    port: e.PORT ?? 3978,
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL },
    teams: {
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType: e.MICROSOFT_APP_TYPE,
    },
  };
}
