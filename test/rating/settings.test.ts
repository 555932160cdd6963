import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ratingSettingsOf } from '../../bot/core/rating/settings';
import { formatKbError, loadKnowledge } from '../../knowledge/loader';
import { KnowledgeBase } from '../../knowledge/model';
import { DEFAULT_RATING_SETTINGS } from '../../knowledge/schema/rating';
import { editFile, lineOf, ROOT, removeTempDirs, tempDir } from '../support/files';
import { RATING_KB } from './seed';

afterAll(removeTempDirs);

function copyKb(): string {
  const dir = tempDir('clientdesk-rating-kb-');
  cpSync(RATING_KB, dir, { recursive: true });
  return dir;
}

function errorsOf(dir: string): string[] {
  const result = loadKnowledge(dir);
  if (result.ok) return [];
  return result.errors.map(formatKbError);
}

describe('rating.yaml', () => {
  it('the bundled knowledge base has a valid rating file with every issue category in at most one product', () => {
    const result = loadKnowledge(join(ROOT, 'knowledge/base'));
    expect(result.ok ? [] : result.errors.map(formatKbError)).toEqual([]);
    if (!result.ok) return;
    const settings = ratingSettingsOf(new KnowledgeBase(result.knowledge));
    expect(settings.minIssues).toBeGreaterThan(0);
    expect(settings.productCategories.length).toBeGreaterThan(0);
  });

  it('reports a wrong value with its file and line, like the rest of the knowledge base', () => {
    const dir = copyKb();
    editFile(dir, 'rating.yaml', 'minIssues: 5', 'minIssues: five');
    const line = lineOf(dir, 'rating.yaml', 'minIssues: five');
    expect(errorsOf(dir)).toEqual([`rating.yaml:${line}:3: rating.minIssues: expected number, got string "five"`]);
  });

  it('refuses bounds that are equal, and unknown indicators', () => {
    const dir = copyKb();
    editFile(dir, 'rating.yaml', 'reopenedShare: { weight: 10, worst: 50, best: 0 }', 'reopenedShare: { weight: 10, worst: 5, best: 5 }');
    editFile(dir, 'rating.yaml', '    answersServed:', '    speed: { weight: 1, worst: 0, best: 1 }\n    answersServed:');
    const errors = errorsOf(dir);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('rating.indicators: unknown field "speed"');
    expect(errors[1]).toContain(`rating.yaml:${lineOf(dir, 'rating.yaml', 'reopenedShare:')}:`);
    expect(errors[1]).toContain('"worst" and "best" must differ');
  });

  it('cross-checks: the weights must add up to a positive number', () => {
    const dir = copyKb();
    const zero = (id: string, rest: string) => editFile(dir, 'rating.yaml', `${id}: { weight: ${rest}`, `${id}: { weight: 0${rest.slice(rest.indexOf(','))}`);
    zero('slaShare', '30, worst: 50, best: 100 }');
    zero('firstResponseHours', '10, worst: 8, best: 0 }');
    zero('resolutionHours', '10, worst: 40, best: 0 }');
    zero('handoffShare', '10, worst: 50, best: 0 }');
    zero('reopenedShare', '10, worst: 50, best: 0 }');
    zero('satisfaction', '20, worst: 0, best: 100 }');
    zero('knowledgeFresh', '5, worst: 0, best: 100 }');
    zero('answersHelpful', '5, worst: 0, best: 100 }');
    expect(errorsOf(dir)).toEqual([
      `rating.yaml:${lineOf(dir, 'rating.yaml', 'indicators:')}:3: rating.indicators: the weights add up to 0: give at least one indicator a positive weight`,
    ]);
  });

  it('cross-checks: product categories name real issue categories, each in one product only', () => {
    const dir = copyKb();
    editFile(dir, 'rating.yaml', 'issueCategories: [deposit_open, deposit_close]', 'issueCategories: [deposit_open, card_limits, mortgage]');
    const errors = errorsOf(dir);
    expect(errors).toEqual([
      expect.stringContaining('rating.productCategories[1].issueCategories[1]: issue category "card_limits" already belongs to product category "cards"'),
      expect.stringContaining('rating.productCategories[1].issueCategories[2]: unknown issue category "mortgage"'),
    ]);
  });

  it('a second rating section is refused; a knowledge base without one uses the defaults', () => {
    const dir = copyKb();
    writeFileSync(join(dir, 'more.yaml'), 'rating:\n  minIssues: 3\n');
    // Files load in name order: more.yaml first, so rating.yaml holds the second definition.
    expect(errorsOf(dir)).toEqual([`rating.yaml:${lineOf(dir, 'rating.yaml', 'rating:')}:1: rating: the rating is defined twice; keep one "rating:" section`]);
    const bare = copyKb();
    writeFileSync(join(bare, 'rating.yaml'), '# no rating\n');
    const result = loadKnowledge(bare);
    expect(result.ok).toBe(true);
    if (result.ok) expect(ratingSettingsOf(new KnowledgeBase(result.knowledge))).toEqual(DEFAULT_RATING_SETTINGS);
  });
});
