import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'th'],
    ['', 'th'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['th-TH,th;q=0.9,en;q=0.8', 'th'],
    ['en;q=0.5,th;q=0.9', 'th'],
    ['fr-FR,fr;q=0.9', 'th'],
    ['fr,en;q=0.4', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(preferredLanguage(header)).toBe(expected);
  });
});
