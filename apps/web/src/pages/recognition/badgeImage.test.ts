import { describe, expect, it } from 'vitest';
import { badgeImageSrc } from './growth';

describe('badgeImageSrc', () => {
  it('loads our badge pictures from the origin that served the app, whatever the public address', () => {
    expect(badgeImageSrc('https://learning.obec.go.th/api/v1/badges/first_innovation/image.svg')).toBe(
      '/api/v1/badges/first_innovation/image.svg',
    );
    expect(badgeImageSrc('http://localhost:3000/api/v1/badges/helpful_reviewer/image.svg')).toBe(
      '/api/v1/badges/helpful_reviewer/image.svg',
    );
  });

  it('keeps another issuer’s picture as it is, and has none for none', () => {
    expect(badgeImageSrc('https://badges.example.org/img/star.png')).toBe(
      'https://badges.example.org/img/star.png',
    );
    expect(badgeImageSrc(undefined)).toBeUndefined();
  });
});
