// `npm run teams:package`: writes the Teams app package (manifest.json, Russian strings, two icons) into
// a zip and validates it offline against the Teams schema bundled in @microsoft/app-manifest.
// An entry point of its own: it reads MICROSOFT_APP_ID through the same configuration parser as the bot.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coreCommands } from '../../commands';
import { parseConfig } from '../config';
import { Registry } from '../core/registry';
import { buildAppPackage } from './appPackage/build';
import { commandMenus } from './appPackage/manifest';
import { validateAppPackage } from './appPackage/validate';
import { teamsCommands } from './registerCommand';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const USAGE = `npm run teams:package -- [options]
  --app-id <guid>         the bot's Microsoft App ID (default: MICROSOFT_APP_ID)
  --teams-app-id <guid>   the Teams app's own id (default: the bot's app id)
  --version <semver>      the app version (default: package.json's version)
  --out <file.zip>        where to write (default: data/teams/clientdesk-teams.zip)
  --developer-name <name> --website-url <https://…> --privacy-url <https://…> --terms-url <https://…>`;

function main(): void {
  const { values } = parseArgs({
    options: {
      'app-id': { type: 'string' },
      'teams-app-id': { type: 'string' },
      version: { type: 'string' },
      out: { type: 'string' },
      'developer-name': { type: 'string' },
      'website-url': { type: 'string' },
      'privacy-url': { type: 'string' },
      'terms-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = parseConfig(process.env);
  const botId = values['app-id'] ?? config.teams.appId;
  if (!botId || !GUID.test(botId)) {
    throw new Error(`the bot's Microsoft App ID (a GUID) is needed: set MICROSOFT_APP_ID or pass --app-id\n${USAGE}`);
  }
  const appId = values['teams-app-id'] ?? botId;
  if (!GUID.test(appId)) throw new Error('--teams-app-id must be a GUID');
  const version = values.version ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  const site = values['website-url'] ?? 'https://www.bank.example/clientdesk';
  const registry = new Registry([...coreCommands(), ...teamsCommands()]);
  const { zip } = buildAppPackage(registry, {
    appId,
    botId,
    version,
    developer: {
      name: values['developer-name'] ?? 'Bank Example',
      websiteUrl: site,
      privacyUrl: values['privacy-url'] ?? `${site}/privacy`,
      termsOfUseUrl: values['terms-url'] ?? `${site}/terms`,
    },
  });
  const problems = validateAppPackage(zip);
  if (problems.length > 0) throw new Error(`the package does not validate against the Teams schema:\n${problems.join('\n')}`);
  const out = resolve(values.out ?? join(ROOT, 'data', 'teams', 'clientdesk-teams.zip'));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  const menus = commandMenus(registry);
  const list = (items: { title: { en: string } }[]) => items.map((m) => m.title.en).join(', ');
  process.stdout.write(
    `Teams app package written: ${out}\nValid against the bundled Teams schema.\n` +
      `Personal chat menu: ${list(menus.personal)}\nChannel and group chat menu: ${list(menus.shared)}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`teams:package: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
