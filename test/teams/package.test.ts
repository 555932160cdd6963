import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import AdmZip from 'adm-zip';
import { afterAll, describe, expect, it } from 'vitest';
import { Registry } from '../../bot/core/registry';
import { commandMenus, PERSONAL_MENU } from '../../bot/teams/appPackage/manifest';
import { isWhiteOnTransparent } from '../../bot/teams/appPackage/png';
import { schemaFolder, validateAppPackage } from '../../bot/teams/appPackage/validate';
import { teamsCommands } from '../../bot/teams/registerCommand';
import { coreCommands } from '../../commands';
import { removeTempDirs, ROOT, tempDir } from '../support/files';

afterAll(removeTempDirs);

const run = promisify(execFile);
const APP_ID = '3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c';

/** Decodes the RGBA pixels of an 8-bit RGBA PNG without filters, as our encoder writes it. */
function pixels(png: Buffer): { width: number; height: number; rgba: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let i = 8; i < png.length; ) {
    const length = png.readUInt32BE(i);
    if (png.toString('ascii', i + 4, i + 8) === 'IDAT') idat.push(png.subarray(i + 8, i + 8 + length));
    i += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

describe('npm run teams:package', () => {
  it('writes a zip that validates against the Teams schema bundled in @microsoft/app-manifest', async () => {
    const out = join(tempDir('clientdesk-teams-package-'), 'app.zip');
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bot/teams/package.ts'), '--app-id', APP_ID, '--out', out], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    });
    expect(stdout).toContain('Valid against the bundled Teams schema');
    expect(existsSync(join(schemaFolder(), 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(validateAppPackage(out)).toEqual([]);

    const zip = new AdmZip(out);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png', 'ru-ru.json']);
    const manifest = JSON.parse(zip.readAsText('manifest.json')) as {
      id: string;
      bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
      composeExtensions: { commands: Record<string, unknown>[] }[];
    };
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] });
    expect(manifest.composeExtensions[0]?.commands[0]).toMatchObject({ id: 'searchAnswers', type: 'query', parameters: [{ name: 'searchText' }] });

    // Two chosen menus: personal chat, and channels with `teams register`.
    const [personal, shared] = manifest.bots[0]!.commandLists;
    expect(personal?.commands.map((c) => c.title)).toEqual([...PERSONAL_MENU]);
    expect(personal?.commands.map((c) => c.title)).not.toContain('teams register');
    expect(shared?.scopes).toEqual(['team', 'groupChat']);
    expect(shared?.commands.map((c) => c.title)).toContain('teams register');
    for (const list of [personal, shared]) expect(list?.commands.length).toBeLessThanOrEqual(10);
    const russian = JSON.parse(zip.readAsText('ru-ru.json')) as Record<string, string>;
    expect(russian['bots[0].commandLists[0].commands[0].title']).toBe('спросить');

    const color = pixels(zip.readFile('color.png')!);
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = pixels(zip.readFile('outline.png')!);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(isWhiteOnTransparent(outline.rgba)).toBe(true);
    // Not empty: the outline has a drawing on it.
    expect(outline.rgba.filter((_, i) => i % 4 === 3 && outline.rgba[i]! > 0).length).toBeGreaterThan(100);
  });

  it('reports what the schema refuses', () => {
    const out = join(tempDir('clientdesk-teams-package-'), 'broken.zip');
    const zip = new AdmZip();
    const manifest = { manifestVersion: '1.24', version: '0.1.0', id: 'not-a-guid', name: { short: 'x'.repeat(40) }, icons: { color: 'color.png', outline: 'outline.png' } };
    zip.addFile('manifest.json', Buffer.from(JSON.stringify(manifest)));
    zip.writeZip(out);
    const problems = validateAppPackage(readFileSync(out));
    expect(problems.join('\n')).toMatch(/manifest\.json\/id/);
    expect(problems.join('\n')).toMatch(/developer/);
    expect(problems.join('\n')).toMatch(/name\/short/);
    expect(problems).toContain('color icon color.png is missing');
  });

  it('needs the bot app id', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bot/teams/package.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failed && failed.code).toBe(1);
    expect('stderr' in failed && failed.stderr).toContain('MICROSOFT_APP_ID');
  });

  it('offers ten chosen commands a menu, each one the dispatcher runs by its English and its Russian title', () => {
    const registry = new Registry([...coreCommands(), ...teamsCommands()]);
    const menus = commandMenus(registry);
    expect(menus.personal.map((m) => m.title.en)).toEqual([
      'ask',
      'issue new',
      'issue list',
      'issue show',
      'digest preview',
      'rating',
      'rights',
      'product',
      'playbook',
      'help',
    ]);
    expect(menus.shared.map((m) => m.title.en)).toEqual([
      'ask',
      'issue new',
      'issue list',
      'issue show',
      'digest preview',
      'teams register',
      'rights',
      'product',
      'playbook',
      'help',
    ]);
    expect(menus.personal.map((m) => m.title.ru)).toContain('дайджест');
    for (const item of [...menus.personal, ...menus.shared]) {
      // Picking an item puts its title in the compose box: sent as it is, it must reach that command.
      for (const title of [item.title.en, item.title.ru]) {
        expect(registry.match(title)).toMatchObject({ command: { name: item.command }, rest: '' });
      }
      expect(item.description.en.length).toBeGreaterThan(0);
      expect(item.description.ru).toMatch(/[а-яё]/i);
    }
  });

  it('refuses to build a menu naming a command the registry does not have', () => {
    expect(() => commandMenus(new Registry(coreCommands()))).toThrow(/teams register/);
  });
});
