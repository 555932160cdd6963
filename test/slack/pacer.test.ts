import { describe, expect, it } from 'vitest';
import { ChannelBusy, ChannelPacer } from '../../bot/slack/pacer';

function fakeTime() {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('ChannelPacer', () => {
  it('spaces posts to one channel a second apart, and other channels independently', async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer({ intervalMs: 1_000, now: time.now, sleep: time.sleep });
    await pacer.turn('C1');
    await pacer.turn('C2');
    await pacer.turn('C1');
    await pacer.turn('C1');
    expect(time.slept).toEqual([1_000, 1_000]);
  });

  it("holds a channel back for Slack's Retry-After, and refuses to wait longer than asked", async () => {
    const time = fakeTime();
    const pacer = new ChannelPacer({ intervalMs: 1_000, now: time.now, sleep: time.sleep });
    pacer.pause('C1', 30_000);
    await expect(pacer.turn('C1', 3_000)).rejects.toBeInstanceOf(ChannelBusy);
    expect(pacer.delay('C1')).toBe(30_000);
    time.advance(29_000);
    await pacer.turn('C1', 3_000);
    expect(time.slept).toEqual([1_000]);
  });
});
