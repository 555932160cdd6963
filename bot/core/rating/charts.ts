// Charts as PNG files, with no browser: ECharts draws SVG on the server, resvg turns it into PNG with a
// font that has Cyrillic glyphs (resvg has no fonts of its own, and system fonts differ between machines).
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { Locale } from '../types';

/** DejaVu Sans: Debian/Ubuntu (fonts-dejavu-core, in the base image of our machines), Arch, Fedora. */
export const FONT_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];
const FONT_FAMILY = 'DejaVu Sans';

export class ChartFontMissingError extends Error {
  constructor() {
    super(`no DejaVu Sans font found (looked in ${FONT_CANDIDATES.join(', ')}); install it: apt-get install fonts-dejavu-core`);
  }
}

export function chartFont(candidates: readonly string[] = FONT_CANDIDATES): string {
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new ChartFontMissingError();
  return found;
}

const WIDTH = 1000;
const PALETTE = ['#2f6fb3', '#d9822b', '#3a9a5b', '#c0392b', '#7d5ba6', '#8c6d31', '#4aa3a2'];

/** Renders an ECharts option to PNG bytes; the chart is always disposed, or the process would not exit. */
export function renderChart(option: echarts.EChartsCoreOption, width: number, height: number, fontFile = chartFont()): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  let svg: string;
  try {
    chart.setOption({ animation: false, backgroundColor: '#ffffff', textStyle: { fontFamily: FONT_FAMILY }, ...option });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const resvg = new Resvg(svg, {
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
  });
  return Buffer.from(resvg.render().asPng());
}

export interface BarItem {
  label: string;
  value: number;
}

/** Horizontal bars, best on top, each labelled with its value. */
export function barChartPng(title: string, subtitle: string, items: readonly BarItem[], locale: Locale, fontFile?: string): Buffer {
  const height = Math.max(260, 120 + items.length * 44);
  const top = [...items].reverse();
  const fmt = new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return renderChart(
    {
      title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 20 } },
      grid: { left: 24, right: 70, top: 80, bottom: 30, containLabel: true },
      xAxis: { type: 'value', min: 0, max: 100 },
      yAxis: { type: 'category', data: top.map((i) => i.label), axisLabel: { fontSize: 13, width: 330, overflow: 'truncate' } },
      series: [
        {
          type: 'bar',
          data: top.map((i) => i.value),
          barMaxWidth: 28,
          itemStyle: { color: PALETTE[0] },
          label: { show: true, position: 'right', fontSize: 13, formatter: (p: { value: unknown }) => fmt.format(Number(p.value)) },
        },
      ],
    },
    WIDTH,
    height,
    fontFile,
  );
}

export interface LineSeries {
  name: string;
  /** One value per x label; null where there is no figure to show (too few ratings). */
  values: (number | null)[];
  /** Drawn dashed and darker: the whole bank. */
  emphasis?: boolean;
}

/** Lines over periods on a 0–100 scale; gaps where a figure is missing. */
export function lineChartPng(title: string, subtitle: string, xLabels: readonly string[], series: readonly LineSeries[], fontFile?: string): Buffer {
  return renderChart(
    {
      title: { text: title, subtext: subtitle, left: 'center', textStyle: { fontSize: 20 } },
      // A legend on the right, names cut to fit: department names can be long.
      legend: { orient: 'vertical', left: 755, top: 90, itemGap: 12, textStyle: { fontSize: 12, width: 285, overflow: 'truncate' } },
      grid: { left: 24, right: 260, top: 80, bottom: 30, containLabel: true },
      xAxis: { type: 'category', data: [...xLabels], boundaryGap: false },
      yAxis: { type: 'value', min: 0, max: 100 },
      color: PALETTE,
      series: series.map((s) => ({
        name: s.name,
        type: 'line',
        data: s.values,
        connectNulls: false,
        symbolSize: 8,
        lineStyle: s.emphasis ? { width: 3, type: 'dashed', color: '#333333' } : { width: 2 },
        itemStyle: s.emphasis ? { color: '#333333' } : undefined,
      })),
    },
    WIDTH,
    480,
    fontFile,
  );
}
