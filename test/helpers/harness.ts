import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Core, createCore } from '../../bot/core/app';
import type { DispatchResult } from '../../bot/core/dispatcher';
import { resolveActor } from '../../bot/core/identity';
import { silentLogger } from '../../bot/core/logger';
import type { Clock, Incoming, Platform, Reply } from '../../bot/core/types';
import { defaultKnowledgeFolder } from '../../knowledge/folder';

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface Harness {
  core: Core;
  clock: FakeClock;
  dir: string;
  dbFile: string;
  /** Sends a chat message as a person (by e-mail) and returns the dispatch result. */
  say(email: string, text: string, eventId?: string): Promise<DispatchResult>;
  press(email: string, actionId: string, values: Record<string, string>, eventId?: string): Promise<DispatchResult>;
  close(): void;
}

/** The real core on a real SQLite file in a temp folder, with the bundled knowledge base and a fake clock. */
export function openHarness(options: { start?: string; platforms?: Platform[]; knowledgeFolder?: string; dir?: string } = {}): Harness {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'clientdesk-test-'));
  const dbFile = join(dir, 'clientdesk.db');
  const clock = new FakeClock(new Date(options.start ?? '2026-11-26T07:00:00Z'));
  const core = createCore({
    knowledgeFolder: options.knowledgeFolder ?? defaultKnowledgeFolder(),
    databaseFile: dbFile,
    settings: { timezone: 'Europe/Moscow', secret: 'test-secret', platforms: options.platforms ?? ['console'] },
    clock,
    log: silentLogger,
    cacheDir: join(dir, 'cache'),
  });
  const envelope = (email: string, eventId?: string) => ({
    actor: resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: email, email }),
    conversation: { platform: 'console' as const, id: 'test', isDirect: true },
    eventId: eventId ?? randomUUID(),
  });
  return {
    core,
    clock,
    dir,
    dbFile,
    say: (email, text, eventId) => core.dispatcher.handle({ kind: 'message', text, ...envelope(email, eventId) } as Incoming),
    press: (email, actionId, values, eventId) => core.dispatcher.handle({ kind: 'action', actionId, values, ...envelope(email, eventId) } as Incoming),
    close() {
      core.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** All the text a reply shows, for assertions. */
export function replyText(result: DispatchResult | Reply): string {
  const reply = 'blocks' in result ? result : result.kind === 'duplicate' ? undefined : result.reply;
  if (!reply) return '';
  return reply.blocks
    .map((b) => {
      switch (b.type) {
        case 'text':
          return b.markdown;
        case 'heading':
          return b.text;
        case 'fields':
          return b.fields.map((f) => `${f.label}: ${f.value}`).join('\n');
        case 'choices':
          return [b.prompt ?? '', ...b.items.map((i) => i.title)].join('\n');
        case 'buttons':
          return b.buttons.map((x) => x.label).join(' ');
        case 'source':
          return b.label;
        case 'form':
          return b.title;
        default:
          return '';
      }
    })
    .join('\n');
}
