import type { KnowledgeBase } from '../../../knowledge/model';
import { DEFAULT_RATING_SETTINGS, type RatingSettings } from '../../../knowledge/schema/rating';

/** The committee's rating settings from the knowledge base, or the defaults when it has no rating file. */
export function ratingSettingsOf(kb: KnowledgeBase): RatingSettings {
  return kb.sections.rating[0] ?? DEFAULT_RATING_SETTINGS;
}
