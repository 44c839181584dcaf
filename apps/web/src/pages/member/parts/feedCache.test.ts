import { QueryClient } from '@tanstack/react-query';
import type { FeedItemResponse } from '../../../api/generated/model';
import { applyFeedMessage, feedQueryKey, FeedPages, insertFeedItem } from './feedCache';

function item(id: string, title = `Innovation ${id}`): FeedItemResponse {
  return {
    id,
    kind: 'innovation.published',
    scope: 'global',
    actor: { id: 'a1', displayName: 'ครูสมใจ', level: 'member' },
    innovationId: `inn-${id}`,
    title: { th: 'นวัตกรรมใหม่', en: 'A new innovation' },
    body: { th: `เผยแพร่นวัตกรรม “${title}”`, en: `published “${title}”` },
    link: { type: 'innovation', id: `inn-${id}` },
    createdAt: '2026-12-06T10:00:00Z',
  };
}

function pages(...ids: string[][]): FeedPages {
  return {
    pages: ids.map((list, index) => ({
      items: list.map((id) => item(id)),
      nextCursor: index < ids.length - 1 ? `c${index}` : null,
    })),
    pageParams: ids.map((_, index) => (index === 0 ? undefined : `c${index - 1}`)),
  };
}

const ids = (data: FeedPages | undefined) => data?.pages.map((page) => page.items.map((entry) => entry.id));

describe('insertFeedItem', () => {
  it('puts the new item first on the first page and keeps the other pages', () => {
    const result = insertFeedItem(pages(['b', 'c'], ['d']), item('a'));
    expect(ids(result)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(result?.pageParams).toEqual([undefined, 'c0']);
  });

  it('does not add an item twice (a message and a refetch may both bring it)', () => {
    const data = pages(['b'], ['a']);
    expect(insertFeedItem(data, item('a'))).toBe(data);
  });

  it('leaves a list that was never loaded alone (it loads fresh when opened)', () => {
    expect(insertFeedItem(undefined, item('a'))).toBeUndefined();
  });
});

describe('applyFeedMessage', () => {
  it('changes only the list of the scope the message is for', () => {
    const client = new QueryClient();
    client.setQueryData(feedQueryKey('global'), pages(['g1']));
    client.setQueryData(feedQueryKey('school'), pages(['s1']));
    client.setQueryData(feedQueryKey('area'), pages(['r1']));

    const applied = applyFeedMessage(client, { scope: 'school', item: item('new') });

    expect(applied?.id).toBe('new');
    expect(ids(client.getQueryData(feedQueryKey('school')))).toEqual([['new', 's1']]);
    expect(ids(client.getQueryData(feedQueryKey('global')))).toEqual([['g1']]);
    expect(ids(client.getQueryData(feedQueryKey('area')))).toEqual([['r1']]);
    expect(client.getQueryData(feedQueryKey('mine'))).toBeUndefined();
  });

  it('ignores a message with an unknown scope or a malformed item', () => {
    const client = new QueryClient();
    client.setQueryData(feedQueryKey('global'), pages(['g1']));
    expect(applyFeedMessage(client, { scope: 'planet', item: item('x') })).toBeNull();
    expect(applyFeedMessage(client, { scope: 'global', item: { id: 'x' } })).toBeNull();
    expect(ids(client.getQueryData(feedQueryKey('global')))).toEqual([['g1']]);
  });
});
