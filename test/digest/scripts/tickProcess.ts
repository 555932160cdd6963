// One bot process for the two-process test: opens the shared database, says "ready", waits for "go" on
// stdin, then ticks its scheduler over a range of fake times and prints what it ran as JSON.
import { createInterface } from 'node:readline';
import { createDeskScheduler } from '../../../bot/core/digest/jobs';
import { createLogger } from '../../../bot/core/logger';
import { openDatabase } from '../../../storage/database';
import { openStores } from '../../../storage/stores';
import { loadKb, SETTINGS } from '../support';

const [dbFile, from, to, stepSeconds] = process.argv.slice(2);
if (!dbFile || !from || !to || !stepSeconds) throw new Error('usage: tickProcess <db file> <from ISO> <to ISO> <step seconds>');
const times = { from: new Date(from), to: new Date(to), stepMs: Number(stepSeconds) * 1000 };

/** Every tick from `from` to `to`, as a bot's timer would fire over the days the fake clock covers. */
function* ticks(range: typeof times): Generator<Date> {
  for (let t = range.from.getTime(); t <= range.to.getTime(); t += range.stepMs) yield new Date(t);
}
const db = openDatabase(dbFile);
const stores = openStores(db);
const kb = loadKb();
const scheduler = createDeskScheduler({ knowledge: () => kb, stores, log: createLogger({ level: 'warn' }), settings: SETTINGS });

const lines = createInterface({ input: process.stdin });
process.stdout.write('ready\n');
lines.once('line', () => {
  const ran: string[] = [];
  const lost: string[] = [];
  const failed: string[] = [];
  for (const time of ticks(times)) {
    const result = scheduler.tick(time);
    ran.push(...result.ran);
    lost.push(...result.lost);
    failed.push(...result.failed);
  }
  db.close();
  process.stdout.write(`${JSON.stringify({ pid: process.pid, ran, lost, failed })}\n`);
  lines.close();
  process.stdin.destroy();
});
