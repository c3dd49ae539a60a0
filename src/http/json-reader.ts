import { type FieldError, jsonPointer } from './problem';

/**
 * A JSON reader that sees the raw text, for what JSON.parse hides (DESIGN.md section 9, "JSON"):
 * - a key given twice in one object (JSON.parse keeps the last one, silently changing an estimate);
 * - `__proto__`, `constructor` and `prototype` keys, refused wherever they appear;
 * - a number that underflows (`1e-400` reads as 0 in a float): it is kept as its own text, so the
 *   schema refuses it exactly as it refuses the string "1e-400", instead of computing with 0.
 * One pass over the text, each character looked at a bounded number of times (strings and numbers
 * are cut out by index and decoded by the platform), so the work is linear in the body's length.
 * Nesting is bounded by the caller (REQUEST_LIMITS.jsonDepth) before this runs; `maxDepth` re-checks.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export type JsonReading =
  | { value: JsonValue }
  | { syntax: string }
  | { errors: FieldError[] }
  | { tooLarge: FieldError };

/**
 * No array of any body may hold more items than the contract's largest collection (10,000 batch rows):
 * reading stops there, so the schemas never walk (nor collect issues for) a longer one.
 */
export const MAX_ARRAY_ITEMS = 10_000;

/**
 * No object of any body has more fields than a few hundred (the most: `options.fx.rates`, one per ISO 4217
 * currency, about 300): reading stops at 1,000, so a map of thousands of keys is never walked by a schema.
 */
export const MAX_OBJECT_KEYS = 1_000;

/** Keys that name parts of a JavaScript object rather than data; no schema of this service has them. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

class JsonSyntaxError extends Error {}

class JsonTooLarge extends Error {
  constructor(readonly error: FieldError) {
    super(error.detail);
  }
}

const WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function readJson(text: string, maxDepth = 64, maxItems = MAX_ARRAY_ITEMS): JsonReading {
  const reader = new Reader(text, maxDepth, maxItems);
  try {
    reader.skipWhitespace();
    const value = reader.value([], 0);
    reader.skipWhitespace();
    if (reader.pos < text.length) reader.fail('text after the JSON value');
    return reader.errors.length ? { errors: reader.errors } : { value };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { syntax: err.message };
    if (err instanceof JsonTooLarge) return { tooLarge: err.error };
    throw err;
  }
}

class Reader {
  pos = 0;
  readonly errors: FieldError[] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly maxItems: number,
  ) {}

  fail(what: string): never {
    throw new JsonSyntaxError(`${what} at character ${this.pos + 1}`);
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text.charCodeAt(this.pos))) this.pos++;
  }

  value(path: (string | number)[], depth: number): JsonValue {
    if (depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(path, depth);
    if (ch === '[') return this.array(path, depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    for (const [word, literal] of LITERALS) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return literal;
      }
    }
    return this.fail(ch === undefined ? 'unexpected end of the JSON' : `unexpected ${JSON.stringify(ch)}`);
  }

  private object(path: (string | number)[], depth: number): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = {};
    const seen = new Set<string>();
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      if (seen.size === MAX_OBJECT_KEYS) {
        const detail = `has more than ${MAX_OBJECT_KEYS} fields; no object of this API may have more`;
        throw new JsonTooLarge({ pointer: jsonPointer(path), detail });
      }
      if (this.text[this.pos] !== '"') this.fail('expected a key in double quotes');
      const key = this.string();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail('expected ":" after a key');
      this.pos++;
      this.skipWhitespace();
      const keyPath = [...path, key];
      const item = this.value(keyPath, depth + 1);
      const pointer = jsonPointer(keyPath);
      if (PROTOTYPE_KEYS.has(key))
        this.errors.push({ pointer, detail: 'is not a field of this object; check its spelling' });
      else if (seen.has(key)) this.errors.push({ pointer, detail: 'is given twice in the same object; give it once' });
      else out[key] = item;
      seen.add(key);
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === '}') return out;
      if (next !== ',') this.fail('expected "," or "}" in an object');
      this.skipWhitespace();
    }
  }

  private array(path: (string | number)[], depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      if (out.length === this.maxItems) {
        const detail = `has more than ${this.maxItems} items; no list of this API may have more`;
        throw new JsonTooLarge({ pointer: jsonPointer(path), detail });
      }
      out.push(this.value([...path, out.length], depth + 1));
      this.skipWhitespace();
      const next = this.text[this.pos++];
      if (next === ']') return out;
      if (next !== ',') this.fail('expected "," or "]" in an array');
      this.skipWhitespace();
    }
  }

  /** A string token, cut out by scanning to its closing quote and decoded by JSON.parse (escapes included). */
  private string(): string {
    const start = this.pos;
    let i = start + 1;
    let escaped = false;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) {
        this.pos = start;
        this.fail('a string that is never closed');
      }
      if (code === 0x5c /* \ */) {
        escaped = true;
        i += 2;
        continue;
      }
      if (code === 0x22 /* " */) break;
      if (code < 0x20) {
        this.pos = i;
        this.fail('a control character inside a string');
      }
      i++;
    }
    this.pos = i + 1;
    const raw = this.text.slice(start + 1, i);
    if (!escaped) return raw;
    try {
      return JSON.parse(this.text.slice(start, i + 1)) as string;
    } catch {
      this.pos = start;
      return this.fail('a bad escape in a string');
    }
  }

  /** A number token (JSON's grammar); one that underflows to 0 is returned as its text. */
  private number(): number | string {
    const start = this.pos;
    let i = start;
    const digits = () => {
      const from = i;
      while (i < this.text.length && isDigit(this.text.charCodeAt(i))) i++;
      return i - from;
    };
    if (this.text[i] === '-') i++;
    const intDigits = digits();
    if (intDigits === 0 || (intDigits > 1 && this.text[i - intDigits] === '0')) {
      this.pos = start;
      this.fail('a number JSON does not allow');
    }
    if (this.text[i] === '.') {
      i++;
      if (digits() === 0) {
        this.pos = i;
        this.fail('a digit expected after "."');
      }
    }
    const mantissaEnd = i;
    if (this.text[i] === 'e' || this.text[i] === 'E') {
      i++;
      if (this.text[i] === '+' || this.text[i] === '-') i++;
      if (digits() === 0) {
        this.pos = i;
        this.fail('a digit expected in an exponent');
      }
    }
    this.pos = i;
    const token = this.text.slice(start, i);
    const value = Number(token);
    return value === 0 && /[1-9]/.test(this.text.slice(start, mantissaEnd)) ? token : value;
  }
}

const LITERALS: readonly (readonly [string, JsonValue])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}
