import { uuidv7 } from '@lc/core';
import { feedItemId } from './feed.service';

describe('feed item ids', () => {
  it('order items by when their events happened, whichever a subscriber wrote first', () => {
    const events = [0, 1, 2, 3].map((ms) => uuidv7(Date.UTC(2026, 11, 7, 8, 0, 0, ms)));
    const written = [events[2]!, events[0]!, events[3]!, events[1]!].map((id) => feedItemId(id, 'global'));
    const newestFirst = [...written].sort().reverse();
    expect(newestFirst).toEqual([3, 2, 1, 0].map((i) => feedItemId(events[i]!, 'global')));
  });

  it('are valid uuids, the same for the same event and scope, different across scopes', () => {
    const event = uuidv7();
    const id = feedItemId(event, 'global');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feedItemId(event.toUpperCase(), 'global')).toBe(id);
    expect(feedItemId(event, 'area:x')).not.toBe(id);
    expect(feedItemId(event, 'area:x').slice(0, 18)).toBe(id.slice(0, 18));
  });
});
