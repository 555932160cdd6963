import type { CrossCheck } from './crossChecks';
import { INDICATORS } from './schema/rating';

/**
 * The committee's rating file makes sense as a whole: one `rating:` section, weights that add up to
 * something, product categories that name real issue categories, each issue category in one product.
 */
export const ratingSettingsAreConsistent: CrossCheck = ({ sections, incomplete }, report) => {
  const [settings, second] = sections.rating;
  if (second) report(second, [], 'the rating is defined twice; keep one "rating:" section');
  if (!settings) return;
  const total = INDICATORS.reduce((sum, id) => sum + (settings.indicators[id]?.weight ?? 0), 0);
  if (!(total > 0)) {
    report(settings, ['indicators'], `the weights add up to ${total}: give at least one indicator a positive weight`);
  }
  const knownCategories = new Set(sections.categories.map((c) => c.id));
  const checkCategories = knownCategories.size > 0 && !incomplete.has('categories');
  const productIds = new Set<string>();
  const productOf = new Map<string, string>();
  settings.productCategories.forEach((product, i) => {
    if (productIds.has(product.id)) report(settings, ['productCategories', i, 'id'], `duplicate product category "${product.id}"`);
    productIds.add(product.id);
    product.issueCategories.forEach((category, j) => {
      const where = ['productCategories', i, 'issueCategories', j];
      if (checkCategories && !knownCategories.has(category)) report(settings, where, `unknown issue category "${category}"`);
      const previous = productOf.get(category);
      if (previous) report(settings, where, `issue category "${category}" already belongs to product category "${previous}"`);
      else productOf.set(category, product.id);
    });
  });
};
