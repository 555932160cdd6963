import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { SLACK_LIMITS } from '../../bot/render/blockKit';
import { type Harness, startHarness } from './harness';

// A bundled knowledge base plus one answer far longer than a Slack message can hold.
const paragraphs = Array.from(
  { length: 60 },
  (_, i) =>
    `Шаг ${i + 1}. Сотрудник проверяет комплект документов наследника: свидетельство о праве на наследство, ` +
    `паспорт, доверенность представителя, если она есть, и сверяет сведения с данными банка. ${'Сведения заносятся в журнал проверки. '.repeat(16)}`,
);
const longAnswer = paragraphs.join('\n\n');

let h: Harness;
let kbDir: string;

beforeAll(async () => {
  kbDir = mkdtempSync(join(tmpdir(), 'clientdesk-kb-'));
  cpSync(defaultKnowledgeFolder(), kbDir, { recursive: true });
  writeFileSync(
    join(kbDir, 'answers', 'zz-long.yaml'),
    stringify({
      answers: [
        {
          id: 'inheritance-long-procedure',
          question: { ru: 'Полный регламент проверки документов наследника', en: 'The full procedure for checking an heir’s documents' },
          phrasings: ['полный регламент проверки документов наследника'],
          answer: { ru: longAnswer, en: longAnswer },
          tags: ['inheritance'],
          owner: 'operations',
          reviewed: '2026-09-01',
          reviewBy: '2027-09-01',
        },
      ],
    }),
  );
  h = await startHarness({ knowledgeFolder: kbDir });
});

afterAll(async () => {
  await h.close();
  rmSync(kbDir, { recursive: true, force: true });
});

describe('a reply longer than Slack allows', () => {
  it('arrives whole, split into messages in the same thread, each within every limit', async () => {
    expect(longAnswer.length).toBeGreaterThan(SLACK_LIMITS.messageText);
    const response = await h.command('/ask', 'Полный регламент проверки документов наследника', { user: 'U0OPER01' });
    expect(response.status).toBe(200);
    const [question, ...parts] = h.api.callsOf('chat.postMessage');
    expect(parts.length).toBeGreaterThanOrEqual(2);
    const thread = parts[0]!.params.thread_ts;
    expect(thread).toBeDefined();
    expect(question!.params.thread_ts).toBeUndefined();
    let sections = '';
    for (const part of parts) {
      expect(part.params.thread_ts).toBe(thread);
      const blocks = part.params.blocks as { type: string; text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(String(part.params.text).length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      const texts = blocks.filter((b) => b.type === 'section' && b.text).map((b) => b.text!.text);
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(texts.join('').length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
      sections += `${texts.join('\n\n')}\n\n`;
    }
    // Nothing was dropped: every paragraph of the answer is in the thread.
    for (const p of paragraphs) expect(sections).toContain(p.trim());
    // The later messages say they continue the answer; the last ends with the source and the rating buttons.
    expect(JSON.stringify(parts[1]!.params.blocks)).toContain('продолжение 2 из');
    const last = JSON.stringify(parts.at(-1)!.params.blocks);
    expect(last).toContain('inheritance-long-procedure');
    expect(last).toContain('answer.helpful');
  });
});
