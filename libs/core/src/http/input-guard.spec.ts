import { DomainError } from '../errors/domain-error';
import { hasForbiddenCharacters, jsonDepthExceeds, MAX_JSON_DEPTH, parseJsonBody } from './input-guard';

const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return 'no error';
};

describe('input guard', () => {
  it('refuses 20,000 levels of nesting without parsing them, and accepts ordinary bodies', () => {
    const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
    expect(codeOf(() => parseJsonBody(deep))).toBe('BODY_TOO_DEEP');
    expect(jsonDepthExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonDepthExceeds('[[[[1]]]]', 3)).toBe(true);
    // Brackets inside strings (escaped quotes too) are text, not nesting.
    expect(jsonDepthExceeds(JSON.stringify({ a: '{{{{[[[[\\"{{{{' }), 2)).toBe(false);
    const nested = JSON.stringify({ a: { b: { c: [1, 2, { d: 'ครู' }] } } });
    expect(parseJsonBody(nested)).toEqual({ a: { b: { c: [1, 2, { d: 'ครู' }] } } });
    expect(codeOf(() => parseJsonBody('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)))).toBe(
      'BODY_TOO_DEEP',
    );
  });

  it('refuses a body that is not an object', () => {
    for (const body of ['null', '1', '"text"', 'true'])
      expect(codeOf(() => parseJsonBody(body))).toBe('BODY_NOT_OBJECT');
  });

  it('refuses U+0000 and unpaired surrogates anywhere (values, keys, arrays), and accepts Thai and emoji', () => {
    expect(codeOf(() => parseJsonBody('{"title":"a\\u0000b"}'))).toBe('INVALID_CHARACTERS');
    expect(codeOf(() => parseJsonBody('{"email":"a\\ud800@x.io"}'))).toBe('INVALID_CHARACTERS');
    expect(codeOf(() => parseJsonBody('{"x":["ok","\\udc00"]}'))).toBe('INVALID_CHARACTERS');
    expect(codeOf(() => parseJsonBody('{"a\\u0000":1}'))).toBe('INVALID_CHARACTERS');
    expect(parseJsonBody('{"t":"ครูสมใจ 😀 \\ud83d\\ude00"}')).toEqual({ t: 'ครูสมใจ 😀 😀' });
    expect(hasForbiddenCharacters('ภาษาไทย')).toBe(false);
  });
});
