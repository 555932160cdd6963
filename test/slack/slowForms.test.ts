import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Command } from '../../bot/core/command';
import { FormError } from '../../bot/core/errors';
import { type Harness, startHarness, textOf, viewSubmission } from './harness';

// A form whose submission the test holds until Slack's deadline for the modal has passed.
let release: () => void = () => {};
const held = () =>
  new Promise<void>((resolve) => {
    release = resolve;
  });

const slowCommand: Command<{ amount?: string }> = {
  name: 'slow check',
  aliases: [],
  hidden: true,
  summary: { ru: 'Медленная проверка (тест)', en: 'A slow check (test)' },
  params: [],
  args: z.object({ amount: z.string().optional() }),
  form: () => ({
    blocks: [{ type: 'form', formId: 'slow.check', title: 'Slow', submitLabel: 'Go', inputs: [{ id: 'amount', label: 'Amount', kind: 'text', required: true }] }],
    fallbackText: 'Slow',
  }),
  async run({ amount }) {
    await held();
    throw new FormError({ amount: { ru: `Сумма «${amount}» не подходит.`, en: `"${amount}" is not an amount.` } });
  },
};

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ extraCommands: [slowCommand as Command], viewAckDeadlineMs: 50 });
});

afterAll(async () => {
  await h.close();
});

describe('a modal whose command is slower than Slack waits', () => {
  it('is closed in time, and the errors come as a message instead', async () => {
    const view = { callback_id: 'slow.check', private_metadata: JSON.stringify({ c: 'C0GENERAL' }), blocks: [{ type: 'input', block_id: 'amount' }] };
    const pending = h.interaction(viewSubmission({ user: 'U0CLIENT01', view, values: { amount: 'много' } }));
    // Wait until the adapter has given up waiting for the command, then let the command finish.
    for (let i = 0; i < 400 && !h.logLines.some((l) => l.includes('"slack.view_late"')); i++) await new Promise((r) => setTimeout(r, 10));
    expect(h.logLines.some((l) => l.includes('"slack.view_late"'))).toBe(true);
    release();
    const response = await pending;
    // The answer Slack got closes the modal: no `response_action: errors` that Slack would no longer accept.
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    const [message] = h.api.callsOf('chat.postEphemeral');
    expect(message!.params).toMatchObject({ channel: 'C0GENERAL', user: 'U0CLIENT01' });
    expect(textOf(message!.params)).toContain('Сумма «много» не подходит.');
  });
});
