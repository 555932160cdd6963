import { join } from 'node:path';
import type { KnowledgeBase } from '../../../knowledge/model';
import { workingCalendarOf } from '../issues/sla';
import type { Logger } from '../logger';
import type { Block, Locale } from '../types';
import type { RatingFactSource } from './facts';
import type { RatingContext } from './rating';
import { ratingSettingsOf } from './settings';
import { writeOutput } from './outputs';

/** What building a rating, index or statistics reply needs; commands and the monthly report make one. */
export interface ReportContext {
  kb: KnowledgeBase;
  source: RatingFactSource;
  /** The bank's time zone. */
  zone: string;
  now: Date;
  /** Charts go to `<dataFolder>/charts`, CSV exports to `<dataFolder>/exports`. */
  dataFolder: string;
  log?: Logger;
  /** A font file with Cyrillic glyphs; found among the usual DejaVu places when not given. */
  fontFile?: string;
}

export function ratingContextOf(rc: ReportContext): RatingContext {
  const settings = ratingSettingsOf(rc.kb);
  return {
    kb: rc.kb,
    settings,
    calendar: workingCalendarOf(rc.kb, rc.log),
    zone: rc.zone,
    now: rc.now,
    minRatings: settings.csi.minRatings,
  };
}

/**
 * A chart as an image block, or a line saying it could not be drawn: a missing font must not cost the
 * committee its figures.
 */
export function chartBlock(rc: ReportContext, name: string, title: string, locale: Locale, draw: () => Buffer): Block {
  try {
    const path = writeOutput(join(rc.dataFolder, 'charts'), `${name}.png`, draw());
    return { type: 'image', path, alt: title, title };
  } catch (error) {
    rc.log?.error('rating.chart_failed', { chart: name, error });
    return {
      type: 'text',
      markdown: locale === 'ru' ? '_График не удалось построить; цифры выше полные._' : '_The chart could not be drawn; the figures above are complete._',
    };
  }
}

/** The CSV files written, as one text block naming them. */
export function exportsBlock(paths: readonly string[], locale: Locale): Block {
  const label = locale === 'ru' ? 'Выгрузка CSV' : 'CSV export';
  return { type: 'text', markdown: `${label}:\n${paths.map((p) => `\`${p}\``).join('\n')}` };
}

export function exportPath(rc: ReportContext, stem: string, csv: string): string {
  return writeOutput(join(rc.dataFolder, 'exports'), `${stem}.csv`, csv);
}
