import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type Core, createCore } from '../../bot/core/app';
import type { Command } from '../../bot/core/command';
import type { DispatchResult } from '../../bot/core/dispatcher';
import { resolveActor } from '../../bot/core/identity';
import { createLogger } from '../../bot/core/logger';
import type { Actor, ConversationRef, Incoming, Platform } from '../../bot/core/types';
import { renderText } from '../../bot/render/text';
import { FIXTURE_KB, tempDir } from './files';

export interface TestCore extends Core {
  /** Every log line, parsed. */
  logLines: Record<string, unknown>[];
  actor(email?: string, platform?: Platform): Actor;
  message(text: string, options?: { email?: string; eventId?: string; platform?: Platform }): Promise<DispatchResult>;
  action(actionId: string, values: Record<string, string>, options?: { email?: string }): Promise<DispatchResult>;
}

/** The real core (fixture knowledge base, a SQLite file in a temp dir) with its log captured. */
export function startTestCore(options: { extraCommands?: Command[]; knowledgeFolder?: string } = {}): TestCore {
  const dir = tempDir('clientdesk-core-');
  const logLines: Record<string, unknown>[] = [];
  const core = createCore({
    knowledgeFolder: options.knowledgeFolder ?? FIXTURE_KB,
    databaseFile: join(dir, 'clientdesk.db'),
    cacheDir: join(dir, 'cache'),
    settings: { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: ['console'] },
    clock: { now: () => new Date('2026-03-02T09:00:00Z') },
    log: createLogger({ level: 'debug', write: (line) => logLines.push(JSON.parse(line)) }),
    extraCommands: options.extraCommands,
  });
  const actor = (email = 'irina@bank.test', platform: Platform = 'console') =>
    resolveActor(core.knowledge.current.kb, { platform, platformUserId: email, email });
  const conversation = (platform: Platform): ConversationRef => ({ platform, id: 'test', isDirect: true });
  return {
    ...core,
    logLines,
    actor,
    message(text, o = {}) {
      const platform = o.platform ?? 'console';
      const incoming: Incoming = { kind: 'message', text, actor: actor(o.email, platform), conversation: conversation(platform), eventId: o.eventId ?? randomUUID() };
      return core.dispatcher.handle(incoming);
    },
    action(actionId, values, o = {}) {
      return core.dispatcher.handle({ kind: 'action', actionId, values, actor: actor(o.email), conversation: conversation('console'), eventId: randomUUID() });
    },
  };
}

/** The reply as the console prints it; fails on anything but a reply. */
export function textOf(result: DispatchResult): string {
  if (result.kind === 'duplicate') throw new Error('expected a reply, got a duplicate');
  return renderText(result.reply).text;
}
