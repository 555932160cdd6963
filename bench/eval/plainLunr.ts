import { bilingualPlugin, lunr } from '../../knowledge/lunrSetup';
import type { Entry } from '../../knowledge/model';
import { indexable, tokenize } from '../../knowledge/text';
import type { Ranker } from './metrics';

/**
 * The baseline the issue compares against: stock lunr (English), lunr with the lunr.ru pipeline, or
 * both for a bilingual base,
 * one document per phrasing, queried with our tokenisation (each word an optional term) and entries
 * ranked by their best document. No policy: it ranks only.
 */
export function plainLunrRanker(entries: readonly Entry[], language: 'en' | 'ru' | 'en+ru'): Ranker {
  const bilingual = bilingualPlugin(); // also registers lunr.ru
  const ruPlugin = (lunr as unknown as { ru: lunr.Builder.Plugin }).ru;
  const index = lunr(function () {
    if (language === 'ru') this.use(ruPlugin);
    if (language === 'en+ru') this.use(bilingual);
    this.ref('ref');
    this.field('text');
    for (const e of entries) {
      e.phrasings.forEach((p, n) => {
        this.add({ ref: `${e.id}|${n}`, text: indexable(p) });
      });
    }
  });
  return (question) => {
    const tokens = tokenize(question);
    if (tokens.length === 0) return { ranked: [] };
    const results = index.query((q) => {
      for (const t of tokens) q.term(t, {});
    });
    const ranked: string[] = [];
    for (const r of results) {
      const id = r.ref.slice(0, r.ref.lastIndexOf('|'));
      if (!ranked.includes(id)) ranked.push(id);
      if (ranked.length >= 10) break;
    }
    return { ranked };
  };
}
