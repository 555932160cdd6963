import type { CrossCheck } from './crossChecks';

/** Routing and categories refer to departments and categories that exist; each category has one owner. */
export const issueSettingsAreConsistent: CrossCheck = ({ sections }, report) => {
  const departments = new Set(sections.departments.map((d) => d.id));
  const categories = new Set<string>();
  for (const c of sections.categories) {
    if (categories.has(c.id)) report(c, ['id'], `duplicate issue category "${c.id}"`);
    categories.add(c.id);
  }
  if (sections.routing.length > 1) {
    const second = sections.routing[1];
    if (second) report(second, [], 'routing is defined twice; keep one "routing:" section');
  }
  if (sections.departments.length > 0 && sections.categories.length > 0 && sections.routing.length === 0) {
    const first = sections.categories[0];
    if (first) report(first, [], 'issue categories exist but no "routing:" section says where issues go by default');
  }
  const owner = new Map<string, string>();
  for (const d of sections.departments) {
    d.categories.forEach((category, i) => {
      if (categories.size > 0 && !categories.has(category)) report(d, ['categories', i], `unknown issue category "${category}"`);
      const previous = owner.get(category);
      if (previous) report(d, ['categories', i], `category "${category}" is already answered for by "${previous}"`);
      else owner.set(category, d.id);
    });
  }
  for (const r of sections.routing) {
    if (!departments.has(r.default)) report(r, ['default'], `unknown default department "${r.default}"`);
    r.rules.forEach((rule, i) => {
      if (!departments.has(rule.department)) report(r, ['rules', i, 'department'], `unknown department "${rule.department}"`);
      rule.categories?.forEach((c, j) => {
        if (!categories.has(c)) report(r, ['rules', i, 'categories', j], `unknown issue category "${c}"`);
      });
    });
  }
};
