import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultKnowledgeFolder } from '../../knowledge/folder';
import { pick } from '../../knowledge/localized';
import { type Candidate, DEFAULT_POLICY, decide, LEAD_MIN_WORDS, type SearchOutcome, Searcher, withinOneEdit } from '../../knowledge/search';
import { loadOrBuild } from '../../knowledge/searchIndex';
import { KnowledgeLoadError, type KnowledgeSnapshot, openSnapshot } from '../../knowledge/service';
import { normalize, tokenize } from '../../knowledge/text';
import { copyFixtureKb, editFile, FIXTURE_KB, removeTempDirs, tempDir } from '../support/files';

let fixture: KnowledgeSnapshot;
let bundled: KnowledgeSnapshot;

beforeAll(() => {
  fixture = openSnapshot(FIXTURE_KB);
  bundled = openSnapshot(defaultKnowledgeFolder());
});
afterAll(removeTempDirs);

const ids = (outcome: SearchOutcome) => outcome.candidates.map((c) => c.entry.id);
const top = (snapshot: KnowledgeSnapshot, question: string) => snapshot.searcher.search(question).candidates[0]?.entry.id;

describe('search over the fixture knowledge base', () => {
  it('answers a question asked as the entry asks it', () => {
    const outcome = fixture.searcher.search('Как заблокировать карту?');
    expect(outcome.decision).toBe('answer');
    expect(ids(outcome)[0]).toBe('card-block');
  });

  it('finds the same entry for every form of a Russian word (карта, карты, картой, карту)', () => {
    const forms = ['карта', 'карты', 'картой', 'карту'];
    const stems = forms.map((form) => fixture.searcher.analyze(form)[0]?.stem);
    expect(new Set(stems).size).toBe(1);
    const outcomes = forms.map((form) => fixture.searcher.search(`заблокировать ${form}`));
    for (const outcome of outcomes) {
      expect(outcome.decision).toBe('answer');
      expect(ids(outcome)[0]).toBe('card-block');
    }
    expect(outcomes.map(ids)).toEqual(outcomes.map(() => ids(outcomes[0]!)));
  });

  it('folds ё to е in questions and in the index', () => {
    expect(tokenize('Ещё ЁЛКА')).toEqual(['еще', 'елка']);
    const index = fixture.searcher.index as unknown as { invertedIndex: Record<string, unknown> };
    expect(Object.keys(index.invertedIndex).filter((term) => term.includes('ё'))).toEqual([]);
    // The entry writes "ещё"; staff type "еще".
    const withYo = fixture.searcher.search('карта ещё не пришла');
    const withoutYo = fixture.searcher.search('карта еще не пришла');
    expect(ids(withYo)[0]).toBe('card-not-arrived');
    expect(withoutYo).toEqual(withYo);
    // The entry writes "счёт" in its question and "счета" in a phrasing: both spellings reach it.
    expect(fixture.searcher.search('выписка по счёту')).toEqual(fixture.searcher.search('выписка по счету'));
    expect(top(fixture, 'выписка по счёту')).toBe('account-statement');
  });

  it('answers English questions', () => {
    expect(fixture.searcher.search('How do I block a card?')).toMatchObject({ decision: 'answer', candidates: [{ entry: { id: 'card-block' } }, {}, {}] });
    expect(top(fixture, 'is my deposit insured')).toBe('deposit-insurance');
    expect(fixture.searcher.search('complaint response time').decision).toBe('answer');
    expect(top(fixture, 'complaint response time')).toBe('complaint-deadline');
  });

  it("survives characters that break lunr's query parser, and still matches", () => {
    // The reason we never pass chat text to index.search():
    expect(() => fixture.searcher.index.search('вклад:')).toThrow();
    expect(() => fixture.searcher.index.search('^карта')).toThrow();
    expect(fixture.searcher.index.search('вклад?')).toEqual([]);
    // A bare "вклад" could mean the deposit product as well as its insurance: offered, not necessarily first.
    for (const bare of ['вклад:', 'вклад?']) {
      const outcome = fixture.searcher.search(bare);
      expect(outcome.decision, bare).not.toBe('none');
      expect(ids(outcome), bare).toContain('deposit-insurance');
    }
    const questions = [
      'страхование: вклад?',
      'страхование~вкладов',
      'страхование~1 вкладов',
      '^страхование вкладов',
      'страхование^10 вкладов',
      'страхов* вкладов*',
      '+страхование -вкладов',
      '-страхование +вкладов',
      'страхование:вкладов',
      '"страхование вкладов"',
      '(страхование) [вкладов] {} \\ / | & ! @ # $ % ;',
    ];
    for (const question of questions) {
      let outcome: SearchOutcome | undefined;
      expect(() => {
        outcome = fixture.searcher.search(question);
      }, question).not.toThrow();
      // The right entry first, and offered (an answer or "did you mean"), never refused. Whether it is
      // answered outright is the policy's call: syntax left in the question ("^10") is a word it weighs.
      expect(outcome && ids(outcome)[0], question).toBe('deposit-insurance');
      expect(outcome?.decision, question).not.toBe('none');
    }
    expect(fixture.searcher.search('страхование вкладов').decision).toBe('answer');
    for (const bare of [':', '~', '^', '*', '+', '-', '???', '']) {
      expect(fixture.searcher.search(bare), bare).toEqual({ decision: 'none', candidates: [], terms: [] });
    }
  });

  it('matches a word with one typo', () => {
    expect(withinOneEdit('страхаван', 'страхован')).toBe(true);
    expect(withinOneEdit('блокс', 'блоск')).toBe(true);
    expect(withinOneEdit('страхаван', 'страхавнаие')).toBe(false);
    // A substitution, a dropped letter, a transposition (English).
    expect(fixture.searcher.search('страхавание вкладов')).toMatchObject({ decision: 'answer', candidates: [{ entry: { id: 'deposit-insurance' } }, {}] });
    expect(fixture.searcher.search('перевыпустиь карту')).toMatchObject({ decision: 'answer', candidates: [{ entry: { id: 'card-reissue' } }, {}, {}] });
    expect(fixture.searcher.search('How do I blokc a card')).toMatchObject({ decision: 'answer', candidates: [{ entry: { id: 'card-block' } }, {}, {}] });
  });

  it('matches the beginning of a longer word', () => {
    expect(fixture.searcher.search('страх')).toMatchObject({ decision: 'answer', candidates: [{ entry: { id: 'deposit-insurance' } }] });
    expect(top(fixture, 'перевып')).toBe('card-reissue');
    expect(top(fixture, 'выпис')).toBe('account-statement');
  });

  it('offers "did you mean" with the top three when candidates are close', () => {
    const outcome = fixture.searcher.search('лимит по карте');
    expect(outcome.decision).toBe('suggest');
    expect(ids(outcome).sort()).toEqual(['card-limit-cash', 'card-limit-credit', 'card-limit-debit']);
    // A bare "карта" touches every card entry equally: not an answer.
    expect(fixture.searcher.search('карта').decision).toBe('suggest');
  });

  it('says there is no answer to a question the base does not cover', () => {
    for (const question of ['погода на завтра', 'рецепт борща со сметаной', 'кто выиграл чемпионат мира по футболу', 'курс биткоина']) {
      expect(fixture.searcher.search(question).decision, question).toBe('none');
    }
  });

  it('limits a search to some kinds of entry', () => {
    const rights = fixture.searcher.search('жалоба', { kinds: ['right'] });
    expect(rights.candidates.length).toBeGreaterThan(0);
    expect(rights.candidates.every((c) => c.entry.kind === 'right')).toBe(true);
    expect(rights.candidates[0]?.entry.id).toBe('right-2');
  });
});

describe('search over the bundled knowledge base', () => {
  it('answers "Как заблокировать карту?" directly, with the card-blocking answer', () => {
    const outcome = bundled.searcher.search('Как заблокировать карту?');
    expect(outcome.decision).toBe('answer');
    const entry = outcome.candidates[0]!.entry;
    expect(entry.kind).toBe('answer');
    expect(pick(entry.title, 'ru')).toMatch(/заблокировать карту/i);
  });

  it('finds the same entry for карта, карты, картой, карту', () => {
    const results = ['карта', 'карты', 'картой', 'карту'].map((form) => bundled.searcher.search(`заблокировать ${form}`));
    for (const outcome of results) expect(outcome).toEqual(results[0]);
    expect(results[0]?.decision).toBe('answer');
  });

  it('folds ё and answers English', () => {
    expect(bundled.searcher.search('карта ещё не пришла')).toEqual(bundled.searcher.search('карта еще не пришла'));
    expect(normalize('Счёт')).toBe('счет');
    const english = bundled.searcher.search('How do I block a card?');
    expect(english.decision).not.toBe('none');
    expect(english.candidates[0]?.entry.id).toBe(bundled.searcher.search('Как заблокировать карту?').candidates[0]?.entry.id);
  });

  it('takes punctuation and lunr operators in its stride', () => {
    const plain = bundled.searcher.search('страхование вкладов');
    expect(plain.decision).toBe('answer');
    for (const question of ['страхование: вкладов?', 'страхование~ вкладов^', '*страхование* +вкладов', '-страхование -вкладов']) {
      expect(bundled.searcher.search(question), question).toEqual(plain);
    }
  });

  it('says there is no answer to questions far from banking', () => {
    for (const question of ['рецепт борща со сметаной', 'кто выиграл чемпионат мира по футболу', 'как приготовить пиццу']) {
      expect(bundled.searcher.search(question).decision, question).toBe('none');
    }
  });
});

describe('the decision on a clear lead', () => {
  const leader = (score: number, lead: number): Candidate => ({
    entry: bundled.kb.entry('card-block')!,
    score,
    coverage: 1,
    // Low on purpose: only the lead can make this an answer.
    confidence: 0.5,
    rivalCoverage: 1,
    lead,
  });

  it('answers a specific question whose best entry leads the runner-up clearly, and suggests below that lead', () => {
    expect(decide([leader(0.5, DEFAULT_POLICY.answerLead)], DEFAULT_POLICY, LEAD_MIN_WORDS)).toBe('answer');
    expect(decide([leader(0.5, DEFAULT_POLICY.answerLead - 0.01)], DEFAULT_POLICY, LEAD_MIN_WORDS)).toBe('suggest');
  });

  it('never answers a question of one or two words on its lead alone', () => {
    expect(decide([leader(0.5, 0.4)], DEFAULT_POLICY, LEAD_MIN_WORDS - 1)).toBe('suggest');
  });

  it('keeps the floors: a lead over weak candidates is still no answer', () => {
    expect(decide([leader(DEFAULT_POLICY.suggestScore - 0.01, 0.4)], DEFAULT_POLICY, 5)).toBe('none');
  });

  it('measures the lead on the bundled base as the gap between the first two scores', () => {
    const outcome = bundled.searcher.search('банкомат съел карту клиента');
    const [first, second] = outcome.candidates;
    expect(first?.lead).toBeCloseTo(first!.score - second!.score, 10);
    expect(outcome.candidates.slice(1).every((c) => c.lead === 0)).toBe(true);
    expect(outcome.decision).toBe('answer');
    expect(first?.entry.id).toBe('atm-card-captured');
  });
});

describe('the index cache', () => {
  it('loads the index from disk on the second open and gives the same results', () => {
    const cacheDir = tempDir('clientdesk-cache-');
    const first = openSnapshot(FIXTURE_KB, cacheDir);
    const second = openSnapshot(FIXTURE_KB, cacheDir);
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    // The validated knowledge, the lunr index and the re-ranker's model, one file each.
    expect(readdirSync(cacheDir).map((f) => f.replace(/-.*/, '')).sort()).toEqual(['knowledge', 'model', 'search']);
    for (const question of ['Как заблокировать карту?', 'лимит по карте', 'страхавание вкладов', 'deposit insurance', 'погода на завтра']) {
      expect(second.searcher.search(question), question).toEqual(first.searcher.search(question));
    }
  });

  it('changes its key when a file changes, and rebuilds', () => {
    const kb = copyFixtureKb();
    const cacheDir = tempDir('clientdesk-cache-');
    const before = openSnapshot(kb, cacheDir);
    editFile(kb, 'answers/general.yaml', '      - account statement', '      - account statement\n      - statement of account');
    const after = openSnapshot(kb, cacheDir);
    expect(after.kb.contentHash).not.toBe(before.kb.contentHash);
    expect(after.fromCache).toBe(false);
    const reopened = openSnapshot(kb, cacheDir);
    expect(reopened.fromCache).toBe(true);
    expect(reopened.searcher.search('statement of account').candidates[0]?.entry.id).toBe(after.searcher.search('statement of account').candidates[0]?.entry.id);
    // The files of the old version are gone: a folder edited daily must not fill the disk.
    expect(readdirSync(cacheDir)).toHaveLength(3);
  });

  it('rebuilds a damaged cache file instead of failing', () => {
    const cacheDir = tempDir('clientdesk-cache-');
    const { kb } = openSnapshot(FIXTURE_KB, cacheDir);
    for (const name of readdirSync(cacheDir)) writeFileSync(join(cacheDir, name), '{"version": "2.3.9", "truncated');
    const rebuilt = openSnapshot(FIXTURE_KB, cacheDir);
    expect(rebuilt.fromCache).toBe(false);
    expect(rebuilt.kb.contentHash).toBe(kb.contentHash);
    expect(rebuilt.searcher.search('Как заблокировать карту?').candidates[0]?.entry.id).toBe('card-block');
    const parts = loadOrBuild(kb.entries, kb.contentHash, { cacheDir, folder: FIXTURE_KB, synonyms: kb.sections.synonyms });
    expect(parts.fromCache).toBe(true);
    expect(new Searcher(parts.index, kb.entries, { model: parts.model }).search('Как заблокировать карту?').candidates[0]?.entry.id).toBe('card-block');
  });

  it('keeps the folders sharing a cache directory apart', () => {
    const cacheDir = tempDir('clientdesk-cache-');
    const copy = copyFixtureKb();
    editFile(copy, 'answers/general.yaml', '      - account statement', '      - account statement\n      - statement of account');
    openSnapshot(FIXTURE_KB, cacheDir);
    openSnapshot(copy, cacheDir);
    expect(readdirSync(cacheDir)).toHaveLength(6);
    expect(openSnapshot(FIXTURE_KB, cacheDir).fromCache).toBe(true);
    expect(openSnapshot(copy, cacheDir).fromCache).toBe(true);
  });

  it('reads an invalid edit from the YAML, never from the cache of the last good version', () => {
    const kb = copyFixtureKb();
    const cacheDir = tempDir('clientdesk-cache-');
    openSnapshot(kb, cacheDir);
    editFile(kb, 'answers/general.yaml', '      - account statement', '      - [account statement');
    expect(() => openSnapshot(kb, cacheDir)).toThrow(KnowledgeLoadError);
  });
});
