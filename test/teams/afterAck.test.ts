// Production's mode: each activity is answered with 200 before its turn, the turns run from the after-ack
// queue, and a full queue is said to the person (a message) or left for Teams to send again (anything else).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BUSY_NOTICE } from '../../bot/core/afterAck';
import { removeTempDirs } from '../support/files';
import { activities, cardOf, DEPOSITS_CHANNEL, PEOPLE, type Person, startTeamsHarness, type TeamsHarness, textIn } from './harness';
import { held, until } from '../support/waiting';

afterAll(removeTempDirs);

let h: TeamsHarness | undefined;

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('Teams answers before the turn, the turns run from the after-ack queue', () => {
  it('40 concurrent messages are all answered 200 while the connector holds every reply, then each gets its reply exactly once', async () => {
    h = await startTeamsHarness({ ackFirst: true });
    const harness = h;
    const connector = held();
    harness.connector.hold = connector.hold;
    const a = activities(harness.serviceUrl);
    const people: Person[] = [PEOPLE.belova, PEOPLE.egorov, PEOPLE.lebedeva, PEOPLE.patel];
    const messages = Array.from({ length: 40 }, (_, i) => a.personalMessage(people[i % people.length]!, 'как заблокировать карту'));
    const responses = await Promise.all(messages.map((m) => harness.post(m)));
    expect(responses.map((r) => r.status)).toEqual(messages.map(() => 200));
    // Every answer is out while the connector has completed not one call of any turn.
    expect(harness.connector.answered).toBe(0);

    connector.release();
    await harness.teams.turns.idle();
    for (const message of messages) {
      const replies = harness.connector.posts().filter((p) => p.path.endsWith(`/activities/${message.id}`));
      expect(replies).toHaveLength(1);
      // Each in the reader's language, with the same source.
      expect(textIn(cardOf(replies[0]))).toContain('card-block');
    }
    expect(harness.logLines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('with the queue full, a message gets a notice in Russian and English, an install gets 503, and the accepted turn still finishes', async () => {
    h = await startTeamsHarness({ ackFirst: true, maxPendingWork: 1 });
    const harness = h;
    const connector = held();
    harness.connector.hold = connector.hold;
    const a = activities(harness.serviceUrl);
    const first = a.personalMessage(PEOPLE.belova, 'как заблокировать карту');
    expect((await harness.post(first)).status).toBe(200);

    // The first turn waits on the held connector: the queue is full.
    const second = a.personalMessage(PEOPLE.egorov, 'выписка по счёту');
    expect((await harness.post(second)).status).toBe(200);
    await until(() => harness.connector.posts().some((p) => p.path.endsWith(`/activities/${second.id}`)), 'the notice to the second sender');
    const notice = harness.connector.posts().find((p) => p.path.endsWith(`/activities/${second.id}`));
    expect(notice?.body.text).toContain(BUSY_NOTICE.ru);
    expect(notice?.body.text).toContain(BUSY_NOTICE.en);
    // Teams sends it again: told once, not twice.
    expect((await harness.post(second)).status).toBe(200);

    // Nothing to say to a person for an install, and the conversation must be remembered: Teams may send it again.
    const install = a.installedInTeam(PEOPLE.belova, DEPOSITS_CHANNEL);
    const refused = await harness.post(install);
    expect(refused.status).toBe(503);
    expect(harness.core.stores.teamsConversations.channel(DEPOSITS_CHANNEL)).toBeUndefined();
    expect(harness.logLines.filter((l) => l.event === 'after_ack.refused').map((l) => l.kind)).toEqual(['teams.message', 'teams.conversationUpdate']);

    connector.release();
    await harness.teams.turns.idle();
    await until(() => harness.connector.answered === harness.connector.calls.length, 'the connector to answer every call');
    const toFirst = harness.connector.posts().filter((p) => p.path.endsWith(`/activities/${first.id}`));
    expect(toFirst).toHaveLength(1);
    expect(textIn(cardOf(toFirst[0]))).toContain('Как заблокировать карту клиента?');
    // The refused message was not worked on behind the person's back: the notice is all it got.
    expect(harness.connector.posts().filter((p) => p.path.endsWith(`/activities/${second.id}`))).toHaveLength(1);
    expect(harness.logLines.filter((l) => l.event === 'teams.duplicate_activity')).toHaveLength(1);

    // With room again, the install sent again is taken: the channel is remembered and welcomed once.
    expect((await harness.post(install)).status).toBe(200);
    await harness.teams.turns.idle();
    expect(harness.core.stores.teamsConversations.channel(DEPOSITS_CHANNEL)).toBeDefined();
    expect(harness.connector.posts(DEPOSITS_CHANNEL)).toHaveLength(1);
  });
});
