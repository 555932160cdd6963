import type { Writable } from 'node:stream';
import type { KnowledgeSnapshot } from '../../knowledge/service';
import type { ClaimedItem } from '../../storage/outbox';
import { renderClaimed } from '../core/issues/issueNotices';
import type { Deliverer, DeliveryOutcome } from '../core/outboxDelivery';
import type { Locale } from '../core/types';
import { renderText } from '../render/text';

/** In the console, messages the bot would send on its own are printed, marked with their recipient. */
export class ConsoleDeliverer implements Deliverer {
  readonly platform = 'console' as const;

  constructor(
    private readonly output: Writable,
    private readonly knowledge: () => KnowledgeSnapshot,
  ) {}

  async deliver(claimed: ClaimedItem): Promise<DeliveryOutcome> {
    const { kb } = this.knowledge();
    const item = renderClaimed(claimed, kb, new Date());
    if ('skip' in item) return { status: 'skipped', reason: item.skip };
    let recipient: string;
    let locale: Locale = 'ru';
    const t = item.target;
    switch (t.kind) {
      case 'department':
        recipient = `#${kb.department(t.departmentId)?.name.ru ?? t.departmentId}`;
        break;
      case 'committee':
        recipient = `#${kb.committee()?.name.ru ?? 'committee'}`;
        break;
      case 'person': {
        const person = kb.person(t.personId);
        recipient = `@${person?.name ?? t.personId}`;
        locale = person?.locale ?? 'ru';
        break;
      }
      case 'conversation':
        recipient = t.conversation.id;
        break;
    }
    const how = item.mode === 'update' ? ' (обновление карточки)' : item.mode === 'thread' ? ' (в ветке)' : '';
    const body = renderText(item.payload[locale]).text.replace(/^/gm, '   ');
    this.output.write(`📨 → ${recipient}${how}\n${body}\n`);
    return { status: 'sent' };
  }
}
