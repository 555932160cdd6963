// Files the rating commands write: charts under data/charts, CSV exports under data/exports.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder beside the database (`data/` by default; `data/` too for an in-memory database). */
export function dataFolderOf(databaseFile: string): string {
  return databaseFile === ':memory:' || databaseFile === '' ? 'data' : dirname(databaseFile);
}

/** Writes via a temporary file and a rename, so a reader never sees half a chart. */
export function writeOutput(folder: string, name: string, content: Buffer | string): string {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, name);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
  return path;
}

export type CsvValue = string | number | undefined | null;

function csvField(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV (comma, CRLF, quotes doubled, decimal point) with a UTF-8 byte order mark, so that Excel
 * shows the Cyrillic headers instead of mojibake.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** `rating-2026-Q3`, safe as a file name (a range's `..` becomes `_`). */
export function fileStem(kind: string, key: string, suffix?: string): string {
  return [kind, key.replace(/\.\./g, '_').replace(/[^\w.-]/g, '-'), suffix].filter(Boolean).join('-');
}
