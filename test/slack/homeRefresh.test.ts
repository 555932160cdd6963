import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonPress, type Harness, startHarness, viewSubmission } from './harness';

// People from knowledge/base/departments.yaml.
const ELENA = 'U0CLIENT01'; // client relations: logs the issue
const ANNA = 'U0CARDS01'; // cards: takes it
const DENIS = 'U0CARDS02'; // cards
const SERGEY = 'U0OPER01'; // operations: the issue is none of his business
const CARDS = 'C0CARDS';

interface ViewBlock {
  type: string;
  text?: { text: string };
  fields?: { text: string }[];
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

/** The home tabs published for a person, newest last, as the lines they read. */
function homesOf(user: string): string[][] {
  return h.api
    .callsOf('views.publish')
    .filter((c) => c.params.user_id === user)
    .map((c) => ((c.params.view as { blocks: ViewBlock[] }).blocks ?? []).map((b) => [b.text?.text ?? '', ...(b.fields ?? []).map((f) => f.text)].join('\n')));
}

const HEADINGS = ['Мои открытые обращения', 'Зарегистрированные мной', 'Очередь моего подразделения (сначала просроченные)'];

/** The part of a home tab under a heading, up to the next one ('' when the tab has no such part). */
function section(home: string[], heading: string): string {
  const start = home.indexOf(heading);
  if (start === -1) return '';
  const end = home.findIndex((line, i) => i > start && HEADINGS.includes(line));
  return home.slice(start + 1, end === -1 ? undefined : end).join('\n');
}
const mySection = (home: string[]) => section(home, HEADINGS[0]!);
const loggedSection = (home: string[]) => section(home, HEADINGS[1]!);
const queueSection = (home: string[]) => section(home, HEADINGS[2]!);

async function openHome(user: string): Promise<void> {
  await h.event({ type: 'app_home_opened', user, channel: `D${user.slice(1)}`, tab: 'home' });
}

async function deliverAndRefresh(): Promise<void> {
  await h.delivery.runOnce();
  await h.adapter.homes.settled();
}

describe('home tabs follow issue changes', () => {
  it('re-publishes the home tab for the people an issue concerns who have opened it, and for no one else', async () => {
    for (const user of [ANNA, DENIS, SERGEY]) await openHome(user);
    expect(homesOf(ANNA)).toHaveLength(1);

    // Elena logs an issue that goes to Cards.
    await h.command('/issue', '', { user: ELENA, channel: 'C0GENERAL' });
    const form = h.api.callsOf('views.open').at(-1)!.params.view as Parameters<typeof viewSubmission>[0]['view'];
    await h.interaction(
      viewSubmission({
        user: ELENA,
        view: form,
        values: { client: 'Иванов И. И.', category: 'card_blocked', description: 'Карта заблокирована в поездке, клиент не может расплатиться' },
      }),
    );
    const number = h.core.stores.db.prepare('SELECT number FROM issues').pluck().get() as string;
    h.api.clear();
    await deliverAndRefresh();

    // Both members of Cards who had opened their tab see the new issue in their department's queue.
    for (const user of [ANNA, DENIS]) {
      const latest = homesOf(user).at(-1);
      expect(latest, user).toBeDefined();
      expect(queueSection(latest!)).toContain(number);
      expect(mySection(latest!)).not.toContain(number);
    }
    // Operations is not concerned; Elena never opened her home tab.
    expect(homesOf(SERGEY)).toEqual([]);
    expect(homesOf(ELENA)).toEqual([]);

    // Elena opens hers now: the issue she logged is there. Then Anna takes it.
    await openHome(ELENA);
    expect(loggedSection(homesOf(ELENA).at(-1)!)).toContain(number);
    expect(loggedSection(homesOf(ELENA).at(-1)!)).not.toContain('назначено');
    h.api.clear();
    const card = h.core.stores.anchors.find(`issue:${number}`, 'slack', `channel:${CARDS}`)!;
    await h.interaction(buttonPress({ user: ANNA, actionId: 'issue.take', value: number, channel: CARDS, messageTs: card.messageId, responseUrl: h.api.responseUrl('take') }));
    await deliverAndRefresh();

    // Anna's tab now has it among her own issues; Elena, the requester, sees that it is assigned.
    expect(mySection(homesOf(ANNA).at(-1)!)).toContain(number);
    expect(loggedSection(homesOf(ELENA).at(-1)!)).toContain(`${number} · Блокировка карты — назначено`);
    expect(homesOf(DENIS).length).toBeGreaterThan(0);
    expect(homesOf(SERGEY)).toEqual([]);
  });
});
