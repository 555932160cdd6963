import type { KnowledgeBase } from '../../../knowledge/model';
import { normalize } from '../../../knowledge/text';
import type { Localized } from '../types';

export interface RoutingInput {
  category: string;
  description: string;
  branch?: string;
  vip: boolean;
}

export interface RoutingDecision {
  department: string;
  /** Why it went there, e.g. "Отдел банковских карт: категория «Блокировка карты»". */
  reason: Localized;
  rule?: string;
}

/**
 * Where an issue goes: the first rule of routing.yaml whose conditions all hold, else the department
 * that answers for the category, else the default department.
 */
export function routeIssue(kb: KnowledgeBase, input: RoutingInput): RoutingDecision {
  const text = normalize(input.description);
  const branch = input.branch ? normalize(input.branch) : undefined;
  const category = kb.category(input.category);
  const categoryName = category?.name ?? { ru: input.category, en: input.category };
  const deptName = (id: string) => kb.department(id)?.name ?? { ru: id, en: id };

  for (const rule of kb.routing.rules) {
    if (rule.categories && !rule.categories.includes(input.category)) continue;
    if (rule.vip !== undefined && rule.vip !== input.vip) continue;
    if (rule.branches && !(branch && rule.branches.some((b) => branch.includes(normalize(b))))) continue;
    let keyword: string | undefined;
    if (rule.keywords) {
      keyword = rule.keywords.find((k) => text.includes(normalize(k)));
      if (!keyword) continue;
    }
    const name = deptName(rule.department);
    const why: Localized = rule.reason ?? {
      ru: keyword ? `ключевое слово «${keyword}»` : `правило ${rule.id}`,
      en: keyword ? `keyword "${keyword}"` : `rule ${rule.id}`,
    };
    const detail = keyword && rule.reason ? { ru: ` («${keyword}»)`, en: ` ("${keyword}")` } : { ru: '', en: '' };
    return {
      department: rule.department,
      rule: rule.id,
      reason: { ru: `${name.ru}: ${why.ru}${detail.ru}`, en: `${name.en}: ${why.en}${detail.en}` },
    };
  }
  const owner = kb.categoryOwner(input.category);
  if (owner) {
    return {
      department: owner.id,
      reason: { ru: `${owner.name.ru}: категория «${categoryName.ru}»`, en: `${owner.name.en}: category "${categoryName.en}"` },
    };
  }
  const fallback = kb.routing.default;
  const name = deptName(fallback);
  return {
    department: fallback,
    reason: {
      ru: `${name.ru}: подразделение по умолчанию (для категории «${categoryName.ru}» правил нет)`,
      en: `${name.en}: the default department (no rule for category "${categoryName.en}")`,
    },
  };
}
