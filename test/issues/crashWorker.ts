// Logs issues in a loop and prints each committed number; the test kills this process mid-way.
import { randomUUID } from 'node:crypto';
import { createCore } from '../../bot/core/app';
import { resolveActor } from '../../bot/core/identity';
import { silentLogger } from '../../bot/core/logger';
import { systemClock } from '../../bot/core/types';
import { defaultKnowledgeFolder } from '../../knowledge/folder';

const [dbFile, cacheDir] = process.argv.slice(2) as [string, string];
const core = createCore({
  knowledgeFolder: defaultKnowledgeFolder(),
  databaseFile: dbFile,
  settings: { timezone: 'Europe/Moscow', secret: 'crash-secret', platforms: ['slack', 'teams'] },
  clock: systemClock,
  log: silentLogger,
  cacheDir,
});
const actor = resolveActor(core.knowledge.current.kb, { platform: 'console', platformUserId: 'o.petrov@bank.example', email: 'o.petrov@bank.example' });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const result = await core.dispatcher.handle({
    kind: 'action',
    actionId: 'issue.new',
    values: { client: `Клиент ${i}`, category: 'card_blocked', description: `Карта заблокирована, попытка ${i}`, channel: 'phone' },
    actor,
    conversation: { platform: 'console', id: 'crash', isDirect: true },
    eventId: randomUUID(),
  });
  if (result.kind === 'reply') {
    const number = /CL-\d{4}-\d{6}/.exec(result.reply.fallbackText)?.[0];
    if (number) process.stdout.write(`${number}\n`);
  }
}
