import { describe, expect, it } from 'vitest';
import { outcomesOn, utility } from '../../bench/eval/calibrate';
import { entriesFromLabelled } from '../../bench/eval/kb';
import type { Policy } from '../../knowledge/search';

const entries = entriesFromLabelled([
  { text: 'лимит снятия наличных по карте', category: 'limit-cash' },
  { text: 'лимит по кредитной карте', category: 'limit-credit' },
  { text: 'как перевыпустить карту', category: 'reissue' },
]);
const answerAll: Policy = { answerScore: 0, answerConfidence: 0, answerCoverage: 0, answerLead: 1, suggestScore: 0, suggestCoverage: 0 };
const suggestAll: Policy = { ...answerAll, answerScore: 2 };

describe('calibration records', () => {
  it('treats `a|b` as a vague question: any of the entries offered is right, a direct answer is a guess', () => {
    const [vague, plain] = outcomesOn(entries, [
      { text: 'лимит по карте', category: 'limit-cash|limit-credit' },
      { text: 'перевыпустить карту', category: 'reissue' },
    ]);
    expect(vague).toMatchObject({ inScope: true, ambiguous: true, position: 0 });
    expect(plain).toMatchObject({ inScope: true, position: 0 });
    expect(plain?.ambiguous).toBeUndefined();
    // Right answer +1, a guess at a vague question −1.5; "did you mean" with a right entry in it +0.6.
    expect(utility([vague!, plain!], answerAll, false)).toBeCloseTo((1 - 1.5) / 2);
    expect(utility([vague!], suggestAll, false)).toBeCloseTo(0.6);
  });

  it('counts a vague question as out of scope only if one of its entries is unknown', () => {
    const [record] = outcomesOn(entries, [{ text: 'лимит по карте', category: 'limit-cash|nowhere' }]);
    expect(record?.inScope).toBe(false);
  });
});
