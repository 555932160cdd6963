import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { DispatchResult } from '../../bot/core/dispatcher';
import type { Block } from '../../bot/core/types';
import { LEARNED_FILE } from '../../knowledge/learned';
import { loadKnowledge } from '../../knowledge/loader';
import { startTestCore, type TestCore, textOf } from '../support/core';
import { copyFixtureKb, removeTempDirs } from '../support/files';

const CARDS = 'anna@bank.test'; // member of `cards`, owner of the card-limit answers
const OTHER = 'irina@bank.test'; // client relations: not an owner of card answers, not an admin
const ADMIN = 'admin@bank.test';

let core: TestCore;
let kbFolder: string;

beforeEach(() => {
  kbFolder = copyFixtureKb();
  core = startTestCore({ knowledgeFolder: kbFolder });
});
afterEach(() => {
  core.close();
  removeTempDirs();
});

function blocksOf(result: DispatchResult): Block[] {
  if (result.kind === 'duplicate') throw new Error('duplicate');
  return result.reply.blocks;
}

/** The "did you mean" button for an entry, from a reply. */
function pickValue(result: DispatchResult, entryId: string): string {
  for (const block of blocksOf(result)) {
    if (block.type !== 'choices') continue;
    const item = block.items.find((i) => i.actionId === 'answer.pick' && i.value.startsWith(`${entryId}\u241f`));
    if (item) return item.value;
  }
  throw new Error(`no "did you mean" choice for ${entryId}`);
}

function servedId(result: DispatchResult): string {
  for (const block of blocksOf(result)) {
    if (block.type !== 'buttons') continue;
    const button = block.buttons.find((b) => b.actionId === 'answer.helpful');
    if (button) return button.value;
  }
  throw new Error('not a direct answer');
}

const isSuggest = (result: DispatchResult) => blocksOf(result).some((b) => b.type === 'choices');

async function pickLimitCash(question: string, email = OTHER): Promise<number> {
  const asked = await core.message(question, { email });
  expect(isSuggest(asked)).toBe(true);
  await core.action('answer.pick', { value: pickValue(asked, 'card-limit-cash') }, { email });
  const [suggestion] = core.stores.suggestions.pending(['cards']);
  expect(suggestion).toBeDefined();
  return suggestion!.id;
}

describe('phrasings learned from use', () => {
  it('keeps a question picked from "did you mean"; the owner approves it; it then answers directly', async () => {
    const question = 'лимит по карте';
    expect(core.knowledge.current.searcher.search(question).decision).toBe('suggest');
    const id = await pickLimitCash(question);
    expect(core.stores.suggestions.get(id)).toMatchObject({
      entryId: 'card-limit-cash',
      owner: 'cards',
      question,
      source: 'pick',
      suggestedBy: OTHER,
      status: 'pending',
      times: 1,
    });

    // The owner department sees it, with buttons; another department does not.
    const listed = await core.message('предложения', { email: CARDS });
    expect(textOf(listed)).toContain(`#${id}`);
    expect(textOf(listed)).toContain(question);
    expect(blocksOf(listed).some((b) => b.type === 'buttons' && b.buttons.some((x) => x.actionId === 'suggestions.approve' && x.value === String(id)))).toBe(true);
    expect(textOf(await core.message('suggestions', { email: OTHER }))).not.toContain(`#${id}`);

    // A button press (action) by the owner approves it.
    const approved = await core.action('suggestions.approve', { value: String(id) }, { email: CARDS });
    expect(textOf(approved)).toMatch(/Одобрено|Approved/);
    expect(core.stores.suggestions.get(id)).toMatchObject({ status: 'approved', decidedBy: CARDS });

    const file = join(kbFolder, LEARNED_FILE);
    expect(existsSync(file)).toBe(true);
    expect(parse(readFileSync(file, 'utf8'))).toEqual({
      learned: [{ entry: 'card-limit-cash', text: question, approvedBy: CARDS, approvedAt: '2026-03-02' }],
    });
    // The overlay is a valid part of the knowledge base, and the entry has the phrasing.
    const reloaded = loadKnowledge(kbFolder);
    expect(reloaded.ok).toBe(true);
    expect(core.knowledge.current.kb.entry('card-limit-cash')?.phrasings).toContain(question);

    // Searchable at once: the same question is now answered with the approved entry.
    const outcome = core.knowledge.current.searcher.search(question);
    expect(outcome.decision).toBe('answer');
    expect(outcome.candidates[0]?.entry.id).toBe('card-limit-cash');
    const again = await core.message(question, { email: OTHER });
    expect(isSuggest(again)).toBe(false);
    expect(servedId(again)).toMatch(/^\d+$/);

    // Decided once only.
    expect(textOf(await core.message(`suggestions approve ${id}`, { email: CARDS }))).toMatch(/уже принято решение|already been decided/);
    expect(core.stores.suggestions.pending(['cards'])).toEqual([]);
  });

  it('rejects a suggestion: nothing is written and the list is empty', async () => {
    const id = await pickLimitCash('лимит по карте');
    const rejected = await core.message(`предложения отклонить ${id}`, { email: CARDS });
    expect(textOf(rejected)).toContain(`#${id}`);
    expect(core.stores.suggestions.get(id)).toMatchObject({ status: 'rejected', decidedBy: CARDS });
    expect(existsSync(join(kbFolder, LEARNED_FILE))).toBe(false);
    expect(core.knowledge.current.searcher.search('лимит по карте').decision).toBe('suggest');
    expect(textOf(await core.message('suggestions', { email: CARDS }))).toMatch(/нет|no new/i);
  });

  it('refuses a decision by someone outside the owner department; an admin may decide', async () => {
    const id = await pickLimitCash('лимит по карте');
    const refused = await core.message(`suggestions approve ${id}`, { email: OTHER });
    expect(textOf(refused)).toMatch(/владелец ответа|owns the answer/);
    expect(textOf(await core.message(`suggestions reject ${id}`, { email: OTHER }))).toMatch(/владелец ответа|owns the answer/);
    expect(core.stores.suggestions.get(id)?.status).toBe('pending');
    expect(existsSync(join(kbFolder, LEARNED_FILE))).toBe(false);

    // Administrators see every department's suggestions and may decide.
    expect(textOf(await core.message('suggestions', { email: ADMIN }))).toContain(`#${id}`);
    await core.message(`suggestions approve ${id}`, { email: ADMIN });
    expect(core.stores.suggestions.get(id)?.status).toBe('approved');
  });

  it('counts the same question picked again as one suggestion, and keeps it masked', async () => {
    const first = await pickLimitCash('лимит по карте');
    await pickLimitCash('лимит по карте', CARDS);
    expect(core.stores.suggestions.pending(['cards'])).toHaveLength(1);
    expect(core.stores.suggestions.get(first)?.times).toBe(2);

    await core.action('answer.pick', { value: 'card-limit-debit\u241fлимит по карте 4276 1234 5678 9012' }, { email: OTHER });
    const masked = core.stores.suggestions.pending(['cards']).find((s) => s.entryId === 'card-limit-debit');
    expect(masked?.question).toBeDefined();
    expect(masked?.question).not.toContain('5678');
  });

  it('learns from "not helpful" followed by another answer rated helpful', async () => {
    const first = await core.message('перевыпустить карту', { email: OTHER });
    const firstEntry = core.knowledge.current.searcher.search('перевыпустить карту').candidates[0]?.entry.id;
    await core.action('answer.not_helpful', { value: servedId(first) }, { email: OTHER });
    const second = await core.message('Как заблокировать карту?', { email: OTHER });
    expect(firstEntry).not.toBe('card-block');
    await core.action('answer.helpful', { value: servedId(second) }, { email: OTHER });
    const [suggestion] = core.stores.suggestions.pending(['cards']);
    expect(suggestion).toMatchObject({ entryId: 'card-block', question: 'перевыпустить карту', source: 'retry' });

    // A helpful rating with no unhelpful answer before it teaches nothing.
    const third = await core.message('страхование вкладов', { email: CARDS });
    await core.action('answer.helpful', { value: servedId(third) }, { email: CARDS });
    expect(core.stores.suggestions.pending('all')).toHaveLength(1);
  });
});
