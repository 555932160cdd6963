// Masks client data in chat text before it is stored, posted or logged (bank secrecy), and hashes a
// client reference so one client's issues can be linked without keeping the reference.
//
// Mask formats, each one shape whatever the grouping typed (the mask character is `•`, U+2022):
//   card      `•••• •••• •••• 5678`    last 4 digits kept, whatever the length (13–19)
//   account   `••••••••••••••••4567`   last 4 kept, 20 characters like the account itself
//   phone     `+7 (•••) •••-••-67`     last 2 kept, and the +7 or 8 prefix, which is not client data;
//             `+••••••••••58`          international: the plus and the last 2 kept
//   passport  `•• •• ••••••`           nothing kept: series and number identify a person outright
//             (after a keyword the words around stay: `серия •••• № ••••••`)
//   snils     `•••-•••-••• ••`         nothing kept
//   inn       `••••••••••`             nothing kept (the length, 10 or 12, is not client data)
//   email     `•••@mail.ru`            the whole local part; the domain stays
// Masking is idempotent: the digits a mask keeps sit right after two glued bullets, `•••• •••• •••• ` or
// `(•••) •••-••-`, shapes people do not type and full masks never make, so a second pass skips them
// instead of reading them together with the next number.
//
// Left alone on purpose: money (`150 000 ₽`, `1 400 000 руб.`, `2 500,50`), dates, times, years,
// percentages, identifiers glued to Latin letters (`U012AB3CD`, `CL-2026-000123`), toll-free 8-800
// numbers (the bank's own and other companies'), and short codes: a PIN-like 4 digits never carries a
// client's identity in our texts and masking every 4-digit number would eat years and amounts. A bare
// 10-digit number is neither a passport nor an INN without its keyword (it is too often something else).
//
// Every pattern is linear: digit runs are found once by one regex whose pieces cannot overlap, and the
// kinds are decided on the parsed groups in code, longest span first, so a card inside an account
// number is never half-masked.
import { createHmac } from 'node:crypto';

export type MaskKind = 'card' | 'account' | 'passport' | 'snils' | 'inn' | 'phone' | 'email';

export interface MaskResult {
  text: string;
  /** Each kind masked at least once, in the order of this list: card, account, passport, snils, inn, phone, email. */
  found: MaskKind[];
}

const KIND_ORDER: readonly MaskKind[] = ['card', 'account', 'passport', 'snils', 'inn', 'phone', 'email'];

const MASK = '•';
const SPACES = ' \\u00A0\\u2009\\u202F';
const DASHES = '\\-\\u2010\\u2011\\u2012\\u2013';

// Between two digit groups: a space, a dot, a dash (spaces around it allowed) or a bracket of a phone's code.
const SEPARATOR = `(?:[${SPACES}]?\\([${SPACES}]?|\\)[${SPACES}${DASHES}]?|[${SPACES}]?[${DASHES}][${SPACES}]?|[${SPACES}.])`;
// Glued to a Latin letter it is an identifier (`U012AB3CD`); glued to Cyrillic it is usually a keyword
// typed without a space (`ИНН7707083893`), so that is still read.
const NUMBER_CHUNK = new RegExp(`(?<![\\p{N}_\\p{Script=Latin}])\\+?[0-9]+(?:${SEPARATOR}[0-9]+)*`, 'gu');
const DIGIT_GROUP = /\+?[0-9]+/g;
const MASKED_TAIL_BEFORE = /(?:••|•••• •••• •••• |\(•••\) •••-••-)$/u;

const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const PASSPORT_WITH_KEYWORD = new RegExp(
  `(?<!\\p{L})(?:паспорт\\p{L}*|passport|сери[яиюей]|п/п)` +
    `[^\\p{N}\\n]{0,40}?` +
    `[0-9]{2}[${SPACES}]?[0-9]{2}` +
    `[${SPACES},:]*(?:(?:№|no\\.?|n|номер\\p{L}*|number)[${SPACES}:.]*)?` +
    `[0-9]{6}(?!\\p{N})`,
  'giu',
);

type KeywordKind = 'card' | 'inn' | 'snils';
const KEYWORD_WINDOW = 48;
// A keyword, then at most two more words (`номер карты клиента: `), then the number.
const KEYWORD_BEFORE = /(?:^|[^\p{L}])(карт\p{L}*|card|инн|inn|снилс|snils)(?:[^\p{L}\p{N}]+\p{L}+){0,2}[^\p{L}\p{N}]*$/iu;
const CURRENCY_AFTER = /^[ \u00A0\u2009\u202F]?(?:[₽$€%]|руб|rub|usd|eur|долл|евро|тыс|млн|млрд|р(?!\p{L}))/iu;

interface DigitGroup {
  /** Offsets in the whole text; `start` includes a leading `+`. */
  start: number;
  end: number;
  digits: string;
  plus: boolean;
}

type SeparatorKind = 'space' | 'dash' | 'dot' | 'bracket';

interface Span {
  groups: DigitGroup[];
  digits: string;
  separators: string[];
}

interface SpanMatch {
  kind: MaskKind;
  /** The text that replaces the whole span, separators included. */
  mask: (digits: string) => string;
}

export function maskClientData(text: string): MaskResult {
  const found = new Set<MaskKind>();

  // The e-mail pattern is the slowest to run (it tries at every word); without an @ it cannot match.
  let masked = !text.includes('@')
    ? text
    : text.replace(EMAIL, (address) => {
        found.add('email');
        return `${MASK.repeat(3)}${address.slice(address.lastIndexOf('@'))}`;
      });

  masked = masked.replace(PASSPORT_WITH_KEYWORD, (match) => {
    found.add('passport');
    return maskAllDigits(match);
  });

  masked = masked.replace(NUMBER_CHUNK, (chunk, offset: number, whole: string) =>
    maskNumberChunk(chunk, offset, whole, found),
  );

  return { text: masked, found: KIND_ORDER.filter((kind) => found.has(kind)) };
}

export function maskText(text: string): string {
  return maskClientData(text).text;
}

/**
 * A keyed hash of a client reference (contract, card, phone, name…) so issues of one client can be
 * linked without storing the reference: HMAC-SHA256 with the deployment's secret, hex, first 32 characters.
 */
export function clientRefHash(reference: string, secret: string): string {
  if (secret.length === 0) throw new RangeError('clientRefHash needs a non-empty secret');
  const normalised = normaliseClientRef(reference);
  // An empty reference would link every client that has none.
  if (normalised.length === 0) throw new RangeError('clientRefHash needs a non-empty reference');
  return createHmac('sha256', secret).update(normalised, 'utf8').digest('hex').slice(0, 32);
}

/** Lowercase, ё→е, letters and digits only, single spaces; spaces between digits go too (`4276 3800` = `42763800`). */
export function normaliseClientRef(reference: string): string {
  return reference
    .normalize('NFC')
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}\s]+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/(?<=\p{N}) (?=\p{N})/gu, '');
}

function maskNumberChunk(chunk: string, offset: number, text: string, found: Set<MaskKind>): string {
  const groups: DigitGroup[] = [];
  for (const m of chunk.matchAll(DIGIT_GROUP)) {
    const start = offset + m.index;
    const plus = m[0].startsWith('+');
    groups.push({ start, end: start + m[0].length, digits: plus ? m[0].slice(1) : m[0], plus });
  }

  let first = 0;
  if (followsMask(text, offset)) {
    first = 1; // the kept tail of a mask made by an earlier pass
  } else if (followsLetterAndDash(text, offset)) {
    // An identifier such as `CL-2026-000123`: skip the groups joined to it by dashes.
    first = 1;
    while (first < groups.length && separatorKind(separatorAt(text, groups, first - 1)) === 'dash') first++;
  }

  let end = groups.length;
  const after = text.slice(offset + chunk.length, offset + chunk.length + 8);
  if (CURRENCY_AFTER.test(after)) {
    // The amount is the last group and the thousands groups before it: `89161234567 1 400 000 руб.`
    end--;
    while (
      end > first &&
      groups[end]!.digits.length === 3 &&
      isSingleSpace(separatorAt(text, groups, end - 1))
    ) {
      end--;
    }
  }

  const keyword = first === 0 ? keywordBefore(text, offset) : undefined;
  const separators = groups.slice(1).map((_, k) => separatorAt(text, groups, k));
  // digitsBefore[k]: digits in groups 0..k-1, to skip spans that are too long without building them.
  const digitsBefore = [0];
  for (const g of groups) digitsBefore.push(digitsBefore.at(-1)! + g.digits.length);

  // The longest span from group i that `classify` accepts.
  const longestFrom = (i: number, classify: (span: Span) => SpanMatch | undefined) => {
    for (let j = Math.min(end, i + MAX_SPAN_GROUPS); j > i; j--) {
      if (digitsBefore[j]! - digitsBefore[i]! > MAX_SPAN_DIGITS) continue;
      const span: Span = {
        groups: groups.slice(i, j),
        digits: groups
          .slice(i, j)
          .map((g) => g.digits)
          .join(''),
        separators: separators.slice(i, j - 1),
      };
      const match = classify(span);
      if (match) return { j, match, digits: span.digits };
    }
    return undefined;
  };

  const replacements: { start: number; end: number; text: string }[] = [];
  let i = first;
  while (i < end) {
    // A keyword names the number right after it, even when a longer reading exists without it.
    const hit =
      (i === first && keyword ? longestFrom(i, (span) => classifyAfterKeyword(span, keyword)) : undefined) ??
      longestFrom(i, classify);
    if (!hit) {
      i++;
      continue;
    }
    const start = groups[i]!.start;
    replacements.push({ start, end: groups[hit.j - 1]!.end, text: hit.match.mask(hit.digits) });
    found.add(hit.match.kind);
    i = hit.j;
  }

  if (replacements.length === 0) return chunk;
  let out = '';
  let cursor = offset;
  for (const r of replacements) {
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  return out + text.slice(cursor, offset + chunk.length);
}

// A phone with its code in brackets has at most six groups; nothing we mask has more than 20 digits.
const MAX_SPAN_GROUPS = 7;
const MAX_SPAN_DIGITS = 20;

function classifyAfterKeyword(span: Span, keyword: KeywordKind): SpanMatch | undefined {
  const { digits, groups } = span;
  if (groups[0]!.plus) return undefined;
  if (keyword === 'card' && digits.length >= 13 && digits.length <= 19 && hasCardGrouping(span)) {
    return CARD; // with its keyword, a number that fails Luhn is a mistyped card: still the client's
  }
  if (keyword === 'inn' && (digits.length === 10 || digits.length === 12) && allSeparators(span, 'space')) {
    return { kind: 'inn', mask: (d) => MASK.repeat(d.length) };
  }
  if (keyword === 'snils' && digits.length === 11 && span.separators.every(isSpaceOrDash)) return SNILS;
  return undefined;
}

function classify(span: Span): SpanMatch | undefined {
  const { digits, groups } = span;
  const plus = groups[0]!.plus;
  if (isThousandsGrouping(span)) return undefined; // an amount of money
  if (plus) return phoneOf(span);

  if (digits.length === 20 && hasAccountGrouping(span)) return ACCOUNT;
  if (digits.length >= 13 && digits.length <= 19 && hasCardGrouping(span) && passesLuhn(digits)) return CARD;
  if (isDashedSnils(span)) return SNILS;
  if (isSpacedPassport(span)) return PASSPORT;
  return phoneOf(span);
}

const CARD: SpanMatch = {
  kind: 'card',
  mask: (digits) => `${MASK.repeat(4)} ${MASK.repeat(4)} ${MASK.repeat(4)} ${digits.slice(-4)}`,
};

const SNILS: SpanMatch = { kind: 'snils', mask: () => '•••-•••-••• ••' };
const PASSPORT: SpanMatch = { kind: 'passport', mask: () => '•• •• ••••••' };

const ACCOUNT: SpanMatch = {
  kind: 'account',
  mask: (digits) => `${MASK.repeat(16)}${digits.slice(-4)}`,
};

function phoneOf(span: Span): SpanMatch | undefined {
  const { digits, groups, separators } = span;
  const first = groups[0]!;
  if (!separators.every((s) => separatorKind(s) !== 'dot')) return undefined;
  const russian = digits.length === 11 && (first.plus ? digits[0] === '7' : digits[0] === '8');
  if (russian) {
    // The prefix stands alone (`8 916…`) or starts the group with the code (`8916…`), never `816 123…`.
    if (first.digits.length !== 1 && first.digits.length < 4) return undefined;
    if (digits.slice(1, 4) === '800') return undefined; // toll-free: a company, not a client
    const prefix = first.plus ? '+7' : '8';
    return { kind: 'phone', mask: (d) => `${prefix} (•••) •••-••-${d.slice(-2)}` };
  }
  // +7 is Russia and Kazakhstan, always eleven digits: a shorter one is a fragment, not a foreign number.
  if (first.plus && digits[0] !== '7' && digits.length >= 8 && digits.length <= 15) {
    return { kind: 'phone', mask: (d) => `+${MASK.repeat(d.length - 2)}${d.slice(-2)}` };
  }
  return undefined;
}

// 4-4-4-4, 4-4-4-4-3, 4-6-5 (Amex), 4-6-4 (Diners) or one run, with one kind of separator throughout.
function hasCardGrouping(span: Span): boolean {
  const { groups, separators } = span;
  if (groups.length === 1) return true;
  if (groups.length > 5 || groups[0]!.digits.length !== 4) return false;
  const kind = separatorKind(separators[0]!);
  if (kind !== 'space' && kind !== 'dash') return false;
  if (!separators.every((s) => separatorKind(s) === kind)) return false;
  return groups.slice(1).every((g, k) => {
    const last = k === groups.length - 2;
    return g.digits.length >= (last ? 3 : 4) && g.digits.length <= 6;
  });
}

// `40817810099991234567`, `40817 810 0 9999 1234567`, `40817.810.0.9999.1234567`, `4081 7810 …`.
function hasAccountGrouping(span: Span): boolean {
  const { groups, separators } = span;
  if (groups.length === 1) return true;
  const head = groups[0]!.digits.length;
  if (head !== 4 && head !== 5) return false;
  if (!separators.every((s) => separatorKind(s) !== 'bracket')) return false;
  // Four groups of four before a fifth: a Luhn-valid card followed by another number, not an account.
  const byFours = groups.length === 5 && groups.every((g) => g.digits.length === 4);
  return !(byFours && passesLuhn(span.digits.slice(0, 16)));
}

function isDashedSnils(span: Span): boolean {
  const lengths = span.groups.map((g) => g.digits.length).join('-');
  if (lengths !== '3-3-3-2') return false;
  const [a, b, c] = span.separators.map(separatorKind);
  return a === 'dash' && b === 'dash' && (c === 'space' || c === 'dash');
}

// `45 09 123456` and `4509 123456`; the bare ten digits need a keyword.
function isSpacedPassport(span: Span): boolean {
  const lengths = span.groups.map((g) => g.digits.length).join('-');
  return (lengths === '2-2-6' || lengths === '4-6') && span.separators.every(isSingleSpace);
}

// `1 400 000`, `150 000`: a head of one to three digits, then groups of three after single spaces.
function isThousandsGrouping(span: Span): boolean {
  const { groups, separators } = span;
  if (groups.length < 2 || groups[0]!.digits.length > 3) return false;
  return separators.every(isSingleSpace) && groups.slice(1).every((g) => g.digits.length === 3);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = digits.charCodeAt(digits.length - 1 - k) - 48;
    if (k % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function keywordBefore(text: string, offset: number): KeywordKind | undefined {
  let window = text.slice(Math.max(0, offset - KEYWORD_WINDOW), offset);
  // The keyword must belong to this number: nothing numeric or masked in between.
  const cut = window.search(/[0-9•\n][^0-9•\n]*$/u);
  if (cut >= 0) window = window.slice(cut + 1);
  const word = KEYWORD_BEFORE.exec(window)?.[1]?.toLowerCase();
  if (word === undefined) return undefined;
  if (word === 'инн' || word === 'inn') return 'inn';
  if (word === 'снилс' || word === 'snils') return 'snils';
  return 'card';
}

/** The text between group `k` and group `k + 1`. */
function separatorAt(text: string, groups: DigitGroup[], k: number): string {
  return text.slice(groups[k]!.end, groups[k + 1]!.start);
}

function separatorKind(separator: string): SeparatorKind {
  if (/[()]/u.test(separator)) return 'bracket';
  if (separator === '.') return 'dot';
  if (/[-\u2010-\u2013]/u.test(separator)) return 'dash';
  return 'space';
}

function allSeparators(span: Span, kind: SeparatorKind): boolean {
  return span.separators.every((s) => separatorKind(s) === kind);
}

function isSpaceOrDash(separator: string): boolean {
  const kind = separatorKind(separator);
  return kind === 'space' || kind === 'dash';
}

function isSingleSpace(separator: string): boolean {
  return separator.length === 1 && separatorKind(separator) === 'space';
}

/** Right after a mask that keeps digits (`•••• •••• •••• 5678`, `…-••-67`, `•••4567`): a kept tail, not a new number. */
function followsMask(text: string, offset: number): boolean {
  return MASKED_TAIL_BEFORE.test(text.slice(Math.max(0, offset - 16), offset));
}

function followsLetterAndDash(text: string, offset: number): boolean {
  return /[-\u2010-\u2013]/u.test(text[offset - 1] ?? '') && /\p{L}/u.test(text[offset - 2] ?? '');
}

function maskAllDigits(text: string): string {
  return text.replace(/[0-9]/g, MASK);
}
