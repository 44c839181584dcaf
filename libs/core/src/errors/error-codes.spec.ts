import { DomainError } from './domain-error';
import { CoreErrors, isErrorCode } from './error-catalogue';

describe('error codes', () => {
  it('takes a registered code, with its status and texts', () => {
    const error = new DomainError(CoreErrors.NOT_FOUND);
    expect(error.status).toBe(404);
    expect(error.message).toBe('Not found');
  });

  it('refuses a code nobody registered, at compile time and at run time', () => {
    // The compiler refuses the typo (`npm run typecheck` fails if this line ever compiles without the comment).
    // @ts-expect-error: 'NOT_FUOND' is not a registered error code
    expect(() => new DomainError('NOT_FUOND')).toThrow('Unknown error code NOT_FUOND');
    expect(isErrorCode('NOT_FUOND')).toBe(false);
    expect(isErrorCode('NOT_FOUND')).toBe(true);
  });
});
