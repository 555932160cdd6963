import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness, textOf, viewSubmission } from './harness';

// People and channels from knowledge/base/departments.yaml.
const ELENA = 'U0CLIENT01'; // client relations: logs the issue
const ANNA = 'U0CARDS01'; // head of Cards
const DENIS = 'U0CARDS02'; // member of Cards
const JAMES = 'U0CARDS03'; // member of Cards, reads English
const CARDS = 'C0CARDS';

let h: Harness;
let number: string;

beforeAll(async () => {
  h = await startHarness();
  await h.command('/issue', '', { user: ELENA, channel: 'C0GENERAL' });
  const form = h.api.callsOf('views.open').at(-1)!.params.view as Parameters<typeof viewSubmission>[0]['view'];
  await h.interaction(
    viewSubmission({
      user: ELENA,
      view: form,
      values: { client: 'Иванов И. И.', category: 'card_blocked', description: 'Карта заблокирована в поездке, клиент не может расплатиться' },
    }),
  );
  number = h.core.stores.db.prepare('SELECT number FROM issues').pluck().get() as string;
  await h.delivery.runOnce();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.api.clear();
});

/** What the person alone saw through the slash command's response URL. */
function privately(): string {
  expect(h.api.responded).toHaveLength(1);
  const [answer] = h.api.responded;
  expect(answer!.body.response_type).toBe('ephemeral');
  return `${String(answer!.body.text)}\n${textOf(answer!.body)}`;
}

describe('/digest over signed HTTP', () => {
  it("/digest alone previews my department's digest, to me alone", async () => {
    const response = await h.command('/digest', '', { user: ANNA, channel: CARDS });
    expect(response.status).toBe(200);
    const seen = privately();
    expect(seen).toContain('Дайджест · Отдел банковских карт');
    expect(seen).toContain(number);
    expect(seen).toContain('Предпросмотр');
    // The head is told how to post it.
    expect(seen).toContain('дайджест отправить cards');
    expect(h.api.callsOf('chat.postMessage')).toEqual([]);
  });

  it('/digest preview cards for a member, in English for one who reads it', async () => {
    await h.command('/digest', 'preview cards', { user: DENIS, channel: CARDS });
    const seen = privately();
    expect(seen).toContain('Дайджест · Отдел банковских карт');
    // Only heads and administrators may send it.
    expect(seen).not.toContain('дайджест отправить');
    h.api.clear();
    await h.command('/digest', '', { user: JAMES, channel: CARDS });
    expect(privately()).toContain('Digest · Cards');
  });

  it("another department's digest is refused, privately", async () => {
    await h.command('/digest', 'operations', { user: DENIS, channel: CARDS });
    expect(privately()).toContain('видят сотрудники подразделения');
  });

  it("/digest send posts it to the department's channel through the outbox (the head)", async () => {
    await h.command('/digest', 'send', { user: ANNA, channel: 'C0GENERAL' });
    expect(privately()).toContain('отправлен в канал подразделения');
    await h.delivery.runOnce();
    const [post] = h.api.callsOf('chat.postMessage');
    expect(post!.params.channel).toBe(CARDS);
    expect(textOf(post!.params)).toContain('Дайджест · Отдел банковских карт');
    expect(textOf(post!.params)).toContain(number);
    expect(textOf(post!.params)).not.toContain('Предпросмотр');
  });
});
