import { DomainError } from './errors/domain-error';
import { decodeCursor, encodeCursor, toPage } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a keyset position through an opaque cursor', () => {
    const cursor = encodeCursor({ createdAt: '2026-11-23T00:00:00.000Z', id: 'abc' });
    expect(cursor).not.toContain('abc');
    expect(decodeCursor(cursor, ['createdAt', 'id'])).toEqual({
      createdAt: '2026-11-23T00:00:00.000Z',
      id: 'abc',
    });
  });

  it('rejects a tampered or foreign cursor with a 400 domain error', () => {
    for (const bad of ['!!!', encodeCursor({ other: 1 }), Buffer.from('[1]').toString('base64url')]) {
      expect(() => decodeCursor(bad, ['id'])).toThrow(DomainError);
    }
    try {
      decodeCursor('!!!', ['id']);
    } catch (error) {
      expect((error as DomainError).status).toBe(400);
      expect((error as DomainError).code).toBe('PAGINATION_INVALID_CURSOR');
    }
  });

  it('returns no cursor on the last page and one after a full page', () => {
    const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
    expect(
      toPage(
        rows,
        3,
        (r) => r.id,
        (r) => ({ id: r.id }),
      ),
    ).toEqual({ items: [1, 2, 3], nextCursor: null });
    const page = toPage(
      rows,
      2,
      (r) => r.id,
      (r) => ({ id: r.id }),
    );
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!, ['id'])).toEqual({ id: 2 });
  });
});
