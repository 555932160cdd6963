import { describe, expect, it } from 'vitest';
import type { Entry } from '../../knowledge/model';
import { synonymGroup } from '../../knowledge/schema/synonyms';
import { Searcher } from '../../knowledge/search';
import { build } from '../../knowledge/searchIndex';
import { Synonyms } from '../../knowledge/synonyms';
import { analyzeText } from '../../knowledge/features';

const entry = (id: string, phrasings: string[]): Entry => ({
  id,
  kind: 'answer',
  title: phrasings[0]!,
  phrasings,
  tags: [],
  body: '',
  owner: 'cards',
  reviewed: '2026-01-01',
  reviewBy: '2027-01-01',
});

const entries = [
  entry('pin-forgot', ['забыл ПИН', 'как восстановить ПИН карты']),
  entry('deposit-open', ['открыть вклад', 'как открыть вклад онлайн']),
  entry('sbp-transfer', ['перевод через СБП по номеру телефона', 'лимит переводов СБП']),
];
const groups = [
  ['пин', 'пин-код', 'pin', 'пинкод'],
  ['вклад', 'депозит', 'deposit'],
  ['сбп', 'система быстрых платежей'],
];

describe('the bank synonyms', () => {
  it('adds the canonical form for any word form of a variant, multi-word variants included', () => {
    const synonyms = new Synonyms(groups);
    expect(synonyms.expand(analyzeText('открыть депозиты').stems)).toEqual(['вклад']);
    expect(synonyms.expand(analyzeText('через систему быстрых платежей').stems)).toEqual(['сбп']);
    expect(synonyms.expand(analyzeText('сменить PIN-код').stems)).toEqual(['пин']);
    expect(synonyms.expand(analyzeText('открыть вклад').stems)).toEqual([]);
  });

  it('lets a question in other words find the entry', () => {
    const withSynonyms = new Searcher(build(entries, groups), entries, { synonyms: groups });
    const without = new Searcher(build(entries), entries);
    for (const [question, id] of [
      ['клиент забыл пинкод', 'pin-forgot'],
      ['открыть депозит', 'deposit-open'],
      ['перевод по системе быстрых платежей', 'sbp-transfer'],
      ['forgot my PIN', 'pin-forgot'],
    ] as const) {
      expect(withSynonyms.search(question).candidates[0]?.entry.id, question).toBe(id);
    }
    // Without the synonyms, "депозит" shares no word with any entry.
    expect(without.search('депозит').candidates).toEqual([]);
    expect(withSynonyms.search('депозит').candidates[0]?.entry.id).toBe('deposit-open');
  });

  it('refuses a group of one term', () => {
    expect(synonymGroup.safeParse(['вклад']).success).toBe(false);
    expect(synonymGroup.safeParse(['вклад', 'депозит']).success).toBe(true);
  });
});
