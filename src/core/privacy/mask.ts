/**
 * The one place personal identifiers are masked: resident ID numbers (18 characters, GB 11643,
 * the last may be X) and mainland mobile numbers, in free text kept in clear or sent to staff
 * (`maskText`), in logs (`scrubText`) and in the fields staff and residents are shown
 * (`maskIdNumber`, `maskPhone`).
 *
 * People type numbers the way their keyboard gives them: full-width digits (２２０２８３…), groups
 * split by spaces or dashes (220283 19620708 3457, 138-0000-1111), or a mix. Numbers are read
 * through those variants before they are matched, so each is found; the text around them is left
 * exactly as written. Digits that belong to a longer unbroken number (a MsgId, a timestamp) are
 * left alone, as are other scripts' digits and numbers written in Chinese characters.
 */

const ID_SHAPE = /^\d{17}[\dX]$/;
const MOBILE_SHAPE = /^1[3-9]\d{9}$/;
/** Separators allowed between two groups of one number ("138 - 0000"): at most this many. */
const MAX_SEPARATORS = 3;
/** Fewer digits than a mobile number in the whole text: nothing to look for. */
const FEWEST_DIGITS = 11;

type Kind = 'id' | 'phone';

interface Found {
  start: number;
  end: number;
  kind: Kind;
  /** The number in ASCII digits (X upper case), without separators or +86. */
  digits: string;
}

/** Free text kept in clear or shown to staff: `220283********0016`, `139****1234`. */
export function maskText(text: string): string {
  return replaceFound(text, (f) => (f.kind === 'id' ? maskIdNumber(f.digits) : maskPhone(f.digits)));
}

/** Text bound for a log: identifiers replaced whole by `[id-number]` and `[phone]`. */
export function scrubText(text: string): string {
  return replaceFound(text, (f) => (f.kind === 'id' ? '[id-number]' : '[phone]'));
}

/**
 * An ID number as staff and the bureau's tools show it: region (6) and last 4 characters, the
 * birth date starred (`220283********0016`). A value that is not 15–18 characters is starred
 * whole, so a malformed one in an error message never leaks either.
 */
export function maskIdNumber(value: string): string {
  const v = compact(value);
  if (v.length < 15 || v.length > 18) return '*'.repeat(Math.min(Math.max(v.length, 1), 18));
  return `${v.slice(0, 6)}${'*'.repeat(v.length - 10)}${v.slice(-4)}`;
}

/** `13904321234` → `139****1234`; a landline keeps its first 3 and last 4 digits the same way. */
export function maskPhone(value: string): string {
  const v = compact(value);
  if (v.length < 8) return '*'.repeat(Math.max(v.length, 1));
  return `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}`;
}

/** The identifiers in `text`, in order, with where they stand; exported for tests and scans. */
export function findIdentifiers(text: string): Found[] {
  if (!hasDigits(text, FEWEST_DIGITS)) return [];
  const found: Found[] = [];
  let at = 0;
  while (at < text.length) {
    if (digitAt(text, at) === undefined) {
      at += 1;
      continue;
    }
    const run = readRun(text, at);
    matchRun(text, run.groups, found);
    at = run.end;
  }
  return found;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** Groups of digits separated by at most `MAX_SEPARATORS` spaces or dashes, from `from` on. */
function readRun(text: string, from: number): { groups: Group[]; end: number } {
  const groups: Group[] = [];
  let at = from;
  for (;;) {
    const start = at;
    let digits = '';
    for (;;) {
      const digit = digitAt(text, at);
      if (digit !== undefined) {
        digits += digit.value;
        at += digit.width;
      } else if (digits.length > 0 && isCheckX(text.charCodeAt(at))) {
        digits += 'X';
        at += 1;
      } else break;
    }
    groups.push({ start, end: at, digits });
    let next = at;
    while (next < text.length && next - at < MAX_SEPARATORS && isSeparator(text.charCodeAt(next))) next += 1;
    if (next === at) return { groups, end: at };
    if (digitAt(text, next) === undefined) {
      // "… 345 X": a check character typed apart still closes the number.
      if (!loneCheckX(text, next)) return { groups, end: at };
      groups.push({ start: next, end: next + 1, digits: 'X' });
      return { groups, end: next + 1 };
    }
    at = next;
  }
}

/** An X standing alone after a separator (not the start of a word). */
function loneCheckX(text: string, at: number): boolean {
  const after = text.charCodeAt(at + 1);
  return isCheckX(text.charCodeAt(at)) && !isLetter(after) && digitAt(text, at + 1) === undefined;
}

/** Finds ID numbers and mobile numbers made of one or more whole groups of a run. */
function matchRun(text: string, groups: Group[], found: Found[]): void {
  let first = 0;
  while (first < groups.length) {
    let digits = '';
    let best: { last: number; kind: Kind; digits: string } | undefined;
    for (let last = first; last < groups.length; last++) {
      digits += groups[last]!.digits;
      if (digits.length > 18) break;
      if (ID_SHAPE.test(digits) && idStandsAlone(text, groups[first]!.start, groups[last]!.end)) {
        best = { last, kind: 'id', digits };
      } else if (best?.kind !== 'id') {
        const phone = mobileOf(digits);
        if (phone) best = { last, kind: 'phone', digits: phone };
      }
      // A check character ends an ID number: nothing after it belongs to the same one.
      if (digits.includes('X')) break;
    }
    if (!best) {
      first += 1;
      continue;
    }
    let start = groups[first]!.start;
    // "+86 138 0000 1111": the country code goes with the number.
    if (best.kind === 'phone' && first > 0 && groups[first - 1]!.digits === '86') {
      const previous = found.at(-1);
      if (!previous || previous.end <= groups[first - 1]!.start) start = groups[first - 1]!.start;
    }
    if (best.kind === 'phone' && (text[start - 1] === '+' || text[start - 1] === '＋')) start -= 1;
    found.push({ start, end: groups[best.last]!.end, kind: best.kind, digits: best.digits });
    first = best.last + 1;
  }
}

/** A mobile number, also with 86 in front or a stray X after (not part of an ID number). */
function mobileOf(digits: string): string | undefined {
  const plain = digits.endsWith('X') ? digits.slice(0, -1) : digits;
  if (MOBILE_SHAPE.test(plain)) return plain;
  if (plain.startsWith('86') && MOBILE_SHAPE.test(plain.slice(2))) return plain.slice(2);
  return undefined;
}

/** An ID number glued to letters (`ab220283…`, `…0016cd`) is part of something else: a key, a hash. */
function idStandsAlone(text: string, start: number, end: number): boolean {
  return !isLetter(text.charCodeAt(start - 1)) && !isLetter(text.charCodeAt(end));
}

function replaceFound(text: string, replacement: (found: Found) => string): string {
  const found = findIdentifiers(text);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + replacement(f);
    at = f.end;
  }
  return out + text.slice(at);
}

/** Digits, X and nothing else, in ASCII: how a field's value is compared and masked. */
function compact(value: string): string {
  let out = '';
  for (let at = 0; at < value.length; ) {
    const digit = digitAt(value, at);
    if (digit !== undefined) {
      out += digit.value;
      at += digit.width;
      continue;
    }
    const code = value.charCodeAt(at);
    if (isCheckX(code)) out += 'X';
    else if (!isSeparator(code) && code !== 0x2b && code !== 0xff0b) out += value[at];
    at += 1;
  }
  return out;
}

/** ASCII, full-width (０–９) and mathematical (𝟎–𝟿) digits; the value and the code units used. */
function digitAt(text: string, at: number): { value: number; width: number } | undefined {
  const code = text.charCodeAt(at);
  if (code >= 0x30 && code <= 0x39) return { value: code - 0x30, width: 1 };
  if (code >= 0xff10 && code <= 0xff19) return { value: code - 0xff10, width: 1 };
  if (code === 0xd835) {
    const point = text.codePointAt(at) ?? 0;
    if (point >= 0x1d7ce && point <= 0x1d7ff) return { value: (point - 0x1d7ce) % 10, width: 2 };
  }
  return undefined;
}

/** Whether `text` has at least `count` digits (cheap: most log strings have few). */
function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19) || code === 0xd835) {
      seen += 1;
      if (seen >= count) return true;
    }
  }
  return false;
}

function isCheckX(code: number): boolean {
  return code === 0x58 || code === 0x78 || code === 0xff38 || code === 0xff58;
}

/** Spaces (incl. ideographic, no-break and zero-width) and dashes, as typed between groups. */
function isSeparator(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0xa0 ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200d) ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x2060 ||
    code === 0xfeff ||
    code === 0x2d ||
    (code >= 0x2010 && code <= 0x2015) ||
    code === 0x2212 ||
    code === 0xfe63 ||
    code === 0xff0d
  );
}

/** ASCII or full-width Latin letter. */
function isLetter(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0x61 && code <= 0x7a) ||
    (code >= 0xff21 && code <= 0xff3a) ||
    (code >= 0xff41 && code <= 0xff5a)
  );
}
