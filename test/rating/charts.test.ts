import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barChartPng, chartFont, lineChartPng } from '../../bot/core/rating/charts';
import type { ReportContext } from '../../bot/core/rating/context';
import { buildCsi, csiReply } from '../../bot/core/rating/csiReport';
import { monthPeriod } from '../../bot/core/rating/period';
import { buildRating, ratingReply } from '../../bot/core/rating/ratingReport';
import type { Stores } from '../../storage/stores';
import { removeTempDirs, tempDir } from '../support/files';
import { NOW, seedRatingDataset } from './dataset';
import { loadRatingKb, MOSCOW, msk, openTestStores } from './seed';

interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row. */
  pixels: Buffer;
}

/** A small PNG decoder: chunks, IHDR, the IDAT stream through zlib, and the five scanline filters. */
function decodePng(png: Buffer): DecodedPng {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8]!;
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  // resvg writes 8-bit RGBA.
  expect([bitDepth, colorType]).toEqual([8, 6]);
  const bpp = 4;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (stride + 1));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      let value = line[x]!;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += Math.floor((a + b) / 2);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = value & 0xff;
    }
  }
  return { width, height, pixels };
}

/** Distinct colours, and the share of pixels that are not (nearly) white, in a band of rows. */
function variety(png: DecodedPng, fromRow = 0, toRow = png.height): { colours: number; inked: number } {
  const colours = new Set<number>();
  let inked = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      const [r, g, b] = [png.pixels[i]!, png.pixels[i + 1]!, png.pixels[i + 2]!];
      colours.add((r << 16) | (g << 8) | b);
      if (r < 200 || g < 200 || b < 200) inked += 1;
    }
  }
  return { colours: colours.size, inked: inked / ((toRow - fromRow) * png.width) };
}

const kb = loadRatingKb();
let stores: Stores;
let rc: ReportContext;

beforeAll(() => {
  stores = openTestStores().stores;
  seedRatingDataset(stores);
  rc = { kb, source: stores.ratingData, zone: MOSCOW, now: msk(NOW), dataFolder: tempDir('clientdesk-charts-') };
});
afterAll(() => {
  stores.db.close();
  removeTempDirs();
});

describe('charts', () => {
  it('finds a font with Cyrillic glyphs (DejaVu Sans from fonts-dejavu-core)', () => {
    expect(chartFont()).toMatch(/DejaVuSans\.ttf$/);
  });

  it('the rating as a bar chart: a PNG of the stated size with text, bars and a white background', () => {
    const reply = ratingReply(buildRating(rc, monthPeriod(2026, 10, MOSCOW)), rc, 'ru');
    const image = reply.blocks.find((b) => b.type === 'image');
    if (image?.type !== 'image') throw new Error('no image block');
    expect(image.path).toMatch(/charts\/rating-2026-10\.png$/);
    expect(image.title).toBe('Рейтинг подразделений — октябрь 2026');
    const png = decodePng(readFileSync(image.path));
    // Two rated departments: max(260, 120 + 2 × 44) = 260 px high, 1000 wide.
    expect([png.width, png.height]).toEqual([1000, 260]);
    const all = variety(png);
    expect(all.colours).toBeGreaterThan(20);
    expect(all.inked).toBeGreaterThan(0.05);
    expect(all.inked).toBeLessThan(0.9);
    // The title band (Cyrillic only) has ink: the glyphs were found and drawn.
    expect(variety(png, 0, 40).inked).toBeGreaterThan(0.005);
  });

  it('the index over time as a line chart', () => {
    const reply = csiReply(buildCsi(rc, monthPeriod(2026, 10, MOSCOW), 'department'), rc, 'en');
    const image = reply.blocks.find((b) => b.type === 'image');
    if (image?.type !== 'image') throw new Error('no image block');
    expect(image.path).toMatch(/charts\/csi-department-2026-10-en\.png$/);
    const png = decodePng(readFileSync(image.path));
    expect([png.width, png.height]).toEqual([1000, 480]);
    expect(variety(png).colours).toBeGreaterThan(20);
    expect(variety(png, 0, 40).inked).toBeGreaterThan(0.005);
  });

  it('draws Cyrillic text as ink, unlike an empty title', () => {
    const withTitle = decodePng(barChartPng('Рейтинг подразделений', 'балл', [{ label: 'Отдел карт', value: 50 }], 'ru'));
    const noTitle = decodePng(barChartPng('', '', [{ label: 'Отдел карт', value: 50 }], 'ru'));
    expect(variety(withTitle, 0, 40).inked).toBeGreaterThan(variety(noTitle, 0, 40).inked + 0.005);
    const lines = decodePng(lineChartPng('Индекс', 'подзаголовок', ['авг', 'сен'], [{ name: 'Банк', values: [50, null] }]));
    expect(lines.width).toBe(1000);
  });
});
