import { describe, expect, it } from 'vitest';
import type { Reply } from '../../bot/core/types';
import { actionsIn, cardsOf, MAX_CARD_BYTES, renderReply, toCardMarkdown } from '../../bot/teams/cards';
import { elementsOf, textIn } from './harness';

const size = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');

describe('Adaptive Card renderer', () => {
  it('turns the house markdown into what Adaptive Cards know', () => {
    expect(toCardMarkdown('*Раздел 1* и `rights 5`, **уже жирный**')).toBe('**Раздел 1** и rights 5, **уже жирный**');
  });

  it('renders every block kind into a schema 1.5 card', () => {
    const reply: Reply = {
      blocks: [
        { type: 'heading', text: 'Обращение CL-2026-000001' },
        { type: 'text', markdown: 'строка 1\nстрока 2' },
        { type: 'fields', fields: [{ label: 'Статус', value: 'новое' }] },
        { type: 'choices', prompt: 'Возможно:', items: [{ title: 'Вариант', actionId: 'answer.pick', value: 'a␟q', detail: 'a' }] },
        { type: 'buttons', buttons: [{ label: 'Взять', actionId: 'issue.take', value: 'CL-2026-000001', style: 'primary' }] },
        {
          type: 'form',
          formId: 'issue.handoff',
          title: 'Передать',
          submitLabel: 'Передать',
          hidden: { number: 'CL-2026-000001' },
          inputs: [
            { id: 'department', label: 'Подразделение', kind: 'select', required: true, options: [{ value: 'cards', label: 'Карты' }] },
            { id: 'reason', label: 'Причина', kind: 'textarea', required: true },
          ],
        },
        { type: 'source', kind: 'answer', id: 'card-block', title: 't', label: 'Источник: card-block' },
        { type: 'divider' },
      ],
      fallbackText: 'Обращение CL-2026-000001',
    };
    const rendered = renderReply(reply);
    const { summary } = rendered;
    const cards = cardsOf(rendered);
    expect(rendered.messages).toHaveLength(1);
    const [card] = cards;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(summary).toBe('Обращение CL-2026-000001');
    expect(elementsOf(card, 'FactSet')).toHaveLength(1);
    expect(elementsOf(card, 'Input.ChoiceSet')[0]).toMatchObject({ id: 'department', isRequired: true, choices: [{ title: 'Карты', value: 'cards' }] });
    expect(elementsOf(card, 'Input.Text')[0]).toMatchObject({ id: 'reason', isMultiline: true });
    expect(actionsIn(card).map((x) => x.data)).toEqual([
      { actionId: 'answer.pick', value: 'a␟q' },
      { actionId: 'issue.take', value: 'CL-2026-000001' },
      { actionId: 'issue.handoff', number: 'CL-2026-000001' },
    ]);
    expect(textIn(card)).toContain('строка 2');
  });

  it('renders Action.Execute with the action id as the verb when asked', () => {
    const cards = cardsOf(
      renderReply(
        { blocks: [{ type: 'buttons', buttons: [{ label: 'Взять', actionId: 'issue.take', value: 'CL-1' }] }], fallbackText: 'x' },
        { actionStyle: 'execute' },
      ),
    );
    expect(actionsIn(cards[0])).toEqual([{ type: 'Action.Execute', title: 'Взять', verb: 'issue.take', data: { actionId: 'issue.take', value: 'CL-1' } }]);
  });

  it('splits a reply too big for one Teams message into cards under the limit, none of the text lost', () => {
    const paragraph = 'Длинный текст стандартного ответа с кириллицей. '.repeat(60);
    const lines = Array.from({ length: 80 }, (_, i) => `${i + 1}. ${paragraph}`);
    const reply: Reply = {
      blocks: [
        { type: 'text', markdown: lines.join('\n') },
        { type: 'text', markdown: 'Ю'.repeat(120_000) },
        { type: 'buttons', buttons: [{ label: 'Полезно', actionId: 'answer.helpful', value: '1' }] },
      ],
      fallbackText: 'большой ответ',
    };
    const cards = cardsOf(renderReply(reply));
    expect(cards.length).toBeGreaterThan(3);
    for (const card of cards) expect(size(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    // A whole Teams activity around the card stays under 80 KB.
    expect(Math.max(...cards.map((c) => size({ type: 'message', summary: 'большой ответ', attachments: [{ contentType: 'x', content: c }] })))).toBeLessThan(80_000);
    const all = cards.map(textIn).join('\n');
    for (const line of lines) expect(all).toContain(line.trim().slice(0, 40));
    expect(all.replace(/[^Ю]/g, '')).toHaveLength(120_000);
    // Every part but the last says more follows; the buttons come at the very end.
    expect(textIn(cards[0])).toContain(`(1/${cards.length})`);
    expect(actionsIn(cards[cards.length - 1])).toHaveLength(1);
    expect(cards.slice(0, -1).flatMap((c) => actionsIn(c))).toHaveLength(0);
  });
});
