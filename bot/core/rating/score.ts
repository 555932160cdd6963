// From raw indicator values to one score: normalise each to 0–100, weigh, find what cost most.
import { type IndicatorId, type IndicatorSetting, INDICATORS, type RatingSettings } from '../../../knowledge/schema/rating';

/** `worst` scores 0, `best` scores 100, linear in between and clamped outside. */
export function normalise(value: number, setting: Pick<IndicatorSetting, 'worst' | 'best'>): number {
  const position = (value - setting.worst) / (setting.best - setting.worst);
  return Math.min(1, Math.max(0, position)) * 100;
}

export interface IndicatorScore {
  id: IndicatorId;
  value: number;
  /** 0–100. */
  score: number;
  /** The weight's share of the weights of the indicators known for this department (0–1). */
  share: number;
  /** Points of the total this indicator cost: share × (100 − score). */
  lost: number;
}

export interface Score {
  /** 0–100, or undefined when no weighted indicator has data. */
  total?: number;
  indicators: IndicatorScore[];
  /** The indicator that cost the most points, if any cost any. */
  costliest?: IndicatorId;
}

/**
 * Weighted mean of the normalised indicators that have data. An indicator without data (no ratings, no
 * knowledge entries) drops out and the others' weights are scaled up, so a department is not punished
 * or rewarded for what could not be measured.
 */
export function scoreOf(values: Partial<Record<IndicatorId, number>>, settings: RatingSettings): Score {
  const known = INDICATORS.flatMap((id) => {
    const setting = settings.indicators[id];
    const value = values[id];
    if (!setting || setting.weight <= 0 || value === undefined) return [];
    return [{ id, value, setting }];
  });
  const totalWeight = known.reduce((sum, k) => sum + k.setting.weight, 0);
  if (totalWeight <= 0) return { indicators: [] };
  const indicators = known.map(({ id, value, setting }): IndicatorScore => {
    const score = normalise(value, setting);
    const share = setting.weight / totalWeight;
    return { id, value, score, share, lost: share * (100 - score) };
  });
  const total = indicators.reduce((sum, i) => sum + i.share * i.score, 0);
  let costliest: IndicatorScore | undefined;
  for (const i of indicators) if (i.lost > 1e-9 && (!costliest || i.lost > costliest.lost + 1e-9)) costliest = i;
  return { total, indicators, costliest: costliest?.id };
}
