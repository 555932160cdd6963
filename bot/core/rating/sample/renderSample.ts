// `npm run charts:sample [-- FOLDER]`: seeds a sample database for the bundled bank, asks the bot for the
// rating and the satisfaction index as the committee's head would (the real commands through the real
// dispatcher), and copies the two charts to FOLDER (default docs/) as rating.png and csi.png.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { defaultKnowledgeFolder } from '../../../../knowledge/folder';
import { renderText } from '../../../render/text';
import { createCore } from '../../app';
import { resolveActor } from '../../identity';
import { silentLogger } from '../../logger';
import type { Block, Reply } from '../../types';
import { seedSampleData } from './sampleData';

const ZONE = 'Europe/Moscow';
const COMMITTEE_HEAD = 'g.popova@bank.example';
// A fixed "now", so that the pictures are the same on every run.
const NOW = DateTime.fromISO('2026-11-26T12:00', { zone: ZONE }).toJSDate();

const output = resolve(process.argv[2] ?? 'docs');
const work = mkdtempSync(join(tmpdir(), 'clientdesk-sample-'));
const core = createCore({
  knowledgeFolder: defaultKnowledgeFolder(),
  databaseFile: join(work, 'clientdesk.db'),
  settings: { timezone: ZONE, secret: 'sample', platforms: ['console'] },
  clock: { now: () => NOW },
  log: silentLogger,
  // The search index of the bundled knowledge base is kept between runs, like the bot's own.
  cacheDir: join('data', 'cache'),
});

async function ask(text: string, n: number): Promise<Reply> {
  const actor = resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: COMMITTEE_HEAD, email: COMMITTEE_HEAD });
  const result = await core.dispatcher.handle({
    kind: 'message',
    text,
    actor,
    conversation: { platform: 'console', id: 'sample', isDirect: true },
    eventId: `sample-${n}`,
  });
  if (result.kind !== 'reply') throw new Error(`"${text}" gave no reply`);
  return result.reply;
}

function imageOf(reply: Reply): string {
  const image = reply.blocks.find((b): b is Extract<Block, { type: 'image' }> => b.type === 'image');
  if (!image) throw new Error(`no chart in the reply:\n${renderText(reply).text}`);
  return image.path;
}

try {
  const issues = seedSampleData(core.knowledge.current.kb, core.stores, {
    months: ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'],
    zone: ZONE,
    now: NOW,
  });
  console.log(`sample: ${issues} issues, May–October 2026\n`);
  mkdirSync(output, { recursive: true });
  const pictures: [string, string][] = [
    ['рейтинг 2026-10', 'rating.png'],
    ['индекс 2026-10', 'csi.png'],
  ];
  let n = 0;
  for (const [command, file] of pictures) {
    const reply = await ask(command, ++n);
    console.log(`> ${command}\n${renderText(reply).text}\n`);
    copyFileSync(imageOf(reply), join(output, file));
    console.log(`→ ${join(output, file)}\n`);
  }
} finally {
  core.close();
  rmSync(work, { recursive: true, force: true });
}
