/**
 * RFC 4180 CSV, written here rather than pulled in as a dependency: the format is small, the evaluator
 * only needs rows of strings, and a reader of 40 lines is easier to trust than a package with a
 * hundred options. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end
 * a record; a byte-order mark is dropped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // A blank line is no record.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
    i++;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed before the end of the file');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** Rows as objects keyed by the header row. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells, n) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV record ${n + 2} has ${cells.length} fields, the header has ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name.trim(), cells[i] ?? '']));
  });
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}

export interface Labelled {
  text: string;
  category: string;
}

/** A `text,category` file: the format of both knowledge-base CSVs and question sets. */
export function parseLabelled(text: string, source = 'CSV'): Labelled[] {
  return parseCsvRecords(text).map((r, n) => {
    const t = r.text;
    const c = r.category;
    if (t === undefined || c === undefined) throw new Error(`${source}: needs the columns text,category`);
    if (!c.trim()) throw new Error(`${source}: record ${n + 2} has no category`);
    return { text: t, category: c.trim() };
  });
}

export function writeLabelled(rows: readonly Labelled[]): string {
  return writeCsv(
    ['text', 'category'],
    rows.map((r) => [r.text, r.category]),
  );
}
