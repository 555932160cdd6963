/**
 * The bot as production runs it, for the platform benchmark: the bundled knowledge base, a SQLite file,
 * Slack over HTTP and Teams on one HTTP server on 127.0.0.1, acks before work (processBeforeResponse
 * off). Slack's Web API and the Bot Framework connector are the parent's stand-in at API_BASE.
 * Prints `{"port": N}` when listening; exits on SIGTERM.
 *
 * node --import tsx bench/platformServer.ts API_BASE DB_DIR SIGNING_SECRET
 */
import { join } from 'node:path';
import { createCore } from '../bot/core/app';
import { createLogger } from '../bot/core/logger';
import { systemClock } from '../bot/core/types';
import { createHttpApp, listen } from '../bot/server';
import { createSlackAdapter } from '../bot/slack/slackApp';
import { startTeams, teamsCommands } from '../bot/teams';
import { BUNDLED_KB } from './generate';

const [apiBase, dir, signingSecret] = process.argv.slice(2);
if (!apiBase || !dir || !signingSecret) {
  process.stderr.write('usage: node --import tsx bench/platformServer.ts API_BASE DB_DIR SIGNING_SECRET\n');
  process.exit(2);
}

// Errors only, to stderr: a benchmark must not measure log writing of warnings it provokes on purpose.
const log = createLogger({ level: 'error' });
const core = createCore({
  knowledgeFolder: BUNDLED_KB,
  databaseFile: join(dir, 'clientdesk.db'),
  cacheDir: join(dir, 'cache'),
  settings: { timezone: 'Europe/Moscow', secret: 'bench-secret', platforms: ['slack', 'teams'] },
  clock: systemClock,
  log,
  extraCommands: teamsCommands(),
});
const http = createHttpApp();
const slack = createSlackAdapter(core, {
  botToken: 'xoxb-bench-token',
  signingSecret,
  apiUrl: `${apiBase}api/`,
  httpApp: http,
  processBeforeResponse: false,
  clientRetries: 0,
  channelIntervalMs: 0,
});
await slack.start();
startTeams(core, http, {});
const server = await listen(http, 0, '127.0.0.1');
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`${JSON.stringify({ port })}\n`);

process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => {
    core.close();
    process.exit(0);
  });
});
