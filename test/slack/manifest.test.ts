import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SHORTCUTS } from '../../bot/slack/listeners';
import { SLASH_COMMANDS } from '../../bot/slack/slashCommands';
import { startHarness } from './harness';

const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Manifest {
  features: {
    slash_commands: { command: string; url?: string }[];
    shortcuts: { type: string; callback_id: string }[];
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[]; request_url: string }; interactivity: { is_enabled: boolean; request_url: string } };
}

const manifest = parse(readFileSync(repo('manifest.yaml'), 'utf8')) as Manifest;

describe('manifest.yaml', () => {
  it("is a valid Slack app manifest (Slack's own JSON Schema, shared/schemas beside the clone)", () => {
    // CI puts shared/ beside the clone: ../shared from the repository root.
    const schema = JSON.parse(readFileSync(repo('../shared/schemas/slack-app-manifest.schema.json'), 'utf8')) as object;
    // Slack's schema has annotations of its own (`_note`, `regex`) and loose array keywords: Ajv's strict
    // mode is about writing schemas, not about the document under test.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('lists exactly the slash commands the adapter handles', () => {
    const inManifest = manifest.features.slash_commands.map((c) => c.command).sort();
    const handled = SLASH_COMMANDS.map((c) => c.command).sort();
    expect(inManifest).toEqual(handled);
    for (const c of manifest.features.slash_commands) expect(c.url).toMatch(/\/slack\/events$/);
  });

  it('has the shortcuts, events, home tab and the scopes they need, and no more', () => {
    expect(manifest.features.shortcuts.map((s) => [s.type, s.callback_id]).sort()).toEqual(
      [
        ['global', SHORTCUTS.newIssue],
        ['message', SHORTCUTS.issueFromMessage],
      ].sort(),
    );
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual(['app_home_opened', 'app_mention', 'message.im']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual(['app_mentions:read', 'chat:write', 'commands', 'files:write', 'im:history', 'users:read', 'users:read.email']);
  });

  it('every slash command in it reaches a handler over HTTP, and the core knows every family it maps to', async () => {
    const h = await startHarness();
    try {
      for (const { command } of manifest.features.slash_commands) {
        const before = h.api.responded.length + h.api.callsOf('chat.postMessage').length + h.api.callsOf('views.open').length;
        const response = await h.command(command, '', { user: 'U0CLIENT01' });
        expect(response.status, command).toBe(200);
        const after = h.api.responded.length + h.api.callsOf('chat.postMessage').length + h.api.callsOf('views.open').length;
        // A handler answered (an unhandled command would be acked by no one and answer nothing).
        expect(after, command).toBeGreaterThan(before);
      }
      // No command fell through to "there is no command …": the core offers every family the manifest lists.
      const unknown = h.api.responded.filter((r) => /Нет команды|There is no command/.test(JSON.stringify(r.body)));
      expect(unknown.map((r) => /«(\w+)»/.exec(JSON.stringify(r.body))?.[1])).toEqual([]);
    } finally {
      await h.close();
    }
  });
});
