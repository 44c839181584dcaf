import { DomainError } from '../errors/domain-error';
import { defineErrors } from '../errors/error-catalogue';

/**
 * What every request body, query and path is checked for at the edge, before any parser, validator or database
 * sees it: nesting that would exhaust a recursive transformer, characters PostgreSQL refuses (U+0000) and
 * unpaired UTF-16 surrogates (which no valid text contains, and which break URI and e-mail handling).
 */
export const InputErrors = defineErrors({
  BODY_TOO_DEEP: {
    status: 400,
    th: 'ข้อมูลซ้อนกันลึกเกินไป',
    en: 'The request body is nested too deeply',
  },
  BODY_NOT_OBJECT: {
    status: 400,
    th: 'ข้อมูลที่ส่งมาต้องเป็นออบเจกต์ JSON',
    en: 'The request body must be a JSON object',
  },
  INVALID_CHARACTERS: {
    status: 400,
    th: 'ข้อความมีอักขระที่ไม่อนุญาต (อักขระว่าง หรือรหัส UTF-16 ที่ไม่สมบูรณ์)',
    en: 'The text contains characters that are not allowed (NUL or an unpaired UTF-16 surrogate)',
  },
});

/** Deeper than any body the API takes (the deepest DTO nests three levels). */
export const MAX_JSON_DEPTH = 32;

// U+0000 is matched on purpose: PostgreSQL text cannot hold it.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds U+0000 or an unpaired surrogate. */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN_TEXT.test(text);
}

/**
 * The nesting depth of a JSON text, counted without parsing it (brackets outside strings), stopping as soon as
 * it passes `limit`: a body of 20,000 `{"a":` costs one linear scan, never a recursion.
 */
export function jsonDepthExceeds(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/** Walks a parsed value (keys too) and refuses forbidden characters, naming where they were found. */
export function assertCleanValue(value: unknown, path = ''): void {
  if (typeof value === 'string') {
    if (hasForbiddenCharacters(value))
      throw new DomainError(InputErrors.INVALID_CHARACTERS, `${path || 'value'} holds a forbidden character`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertCleanValue(item, `${path}[${index}]`));
    return;
  }
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const where = path ? `${path}.${key}` : key;
    if (hasForbiddenCharacters(key))
      throw new DomainError(InputErrors.INVALID_CHARACTERS, `a field name holds a forbidden character`);
    assertCleanValue(item, where);
  }
}

/**
 * The API's JSON body parser: depth first (before parsing), then JSON.parse, then the characters. The body must
 * be an object or an array: no route takes `null`, a number or a string as its whole body.
 */
export function parseJsonBody(text: string): object {
  if (jsonDepthExceeds(text))
    throw new DomainError(InputErrors.BODY_TOO_DEEP, `Bodies may nest at most ${MAX_JSON_DEPTH} levels`);
  const parsed: unknown = JSON.parse(text);
  // null and bare values are refused; an array reaches the validators (which refuse it where an object is due).
  if (parsed === null || typeof parsed !== 'object') throw new DomainError(InputErrors.BODY_NOT_OBJECT);
  assertCleanValue(parsed);
  return parsed;
}

// The codes above are types too: DomainError takes only registered codes.
declare module '../errors/error-catalogue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface RegisteredErrorCodes extends Record<keyof typeof InputErrors, true> {}
}
