import {
  parseQuery,
  searchRaw,
  searchTokens,
  searchTokensOffThread,
  segmentWords,
  snippet,
} from './thai-search';
import { renderMarkdown } from './markdown';

describe('Thai search text', () => {
  const doc = {
    title: 'กิจกรรมคณิตศาสตร์สนุกสำหรับเด็กประถม',
    summary: 'เรียนเศษส่วน',
    body: '## ขั้นตอน **แบ่งกลุ่ม**',
    tags: ['ขนมไทย'],
  };

  it('segments unspaced Thai into words', () => {
    expect(segmentWords('กิจกรรมคณิตศาสตร์สนุกสำหรับเด็กประถม')).toEqual([
      'กิจกรรม',
      'คณิตศาสตร์',
      'สนุก',
      'สำหรับ',
      'เด็ก',
      'ประถม',
    ]);
  });

  it('indexes words from title, summary, tags and body, without Markdown or tsquery syntax', () => {
    const tokens = searchTokens({ ...doc, body: "a & b | c ! (ทดลอง) 'x'" }).split(' ');
    expect(tokens).toEqual(expect.arrayContaining(['คณิตศาสตร์', 'เศษส่วน', 'ขนม', 'ทดลอง']));
    expect(tokens.join('')).not.toMatch(/[&|!()']/);
    expect(searchRaw(doc)).toContain('กิจกรรมคณิตศาสตร์');
  });

  it('parses queries into words and a trigram pattern with LIKE wildcards escaped', () => {
    expect(parseQuery('คณิตศาสตร์สนุก')).toEqual({
      words: 'คณิตศาสตร์ สนุก',
      pattern: '%คณิตศาสตร์สนุก%',
      terms: ['คณิตศาสตร์', 'สนุก'],
    });
    expect(parseQuery('100%_off')?.pattern).toBe('%100\\%\\_off%');
    expect(parseQuery('   ')).toBeNull();
    expect(parseQuery('ab')?.pattern).toBeNull();
  });

  it('makes an escaped snippet with the terms marked', () => {
    const text = `${'ก'.repeat(200)} นักเรียน<b>ทำ</b>คณิตศาสตร์ ${'ข'.repeat(200)}`;
    const result = snippet(text, ['คณิตศาสตร์']);
    expect(result).toContain('<mark>คณิตศาสตร์</mark>');
    expect(result).toContain('&lt;b');
    expect(result).not.toContain('<b');
    expect(result.startsWith('…')).toBe(true);
    expect(result.endsWith('…')).toBe(true);
  });
});

describe('renderMarkdown', () => {
  it('renders Markdown and strips anything executable', () => {
    const html = renderMarkdown(
      '# หัวข้อ\n\n<iframe src="https://x"></iframe> [x](javascript:alert(1)) ![i](http://x/a.png)',
    );
    expect(html).toContain('<h1>หัวข้อ</h1>');
    expect(html).not.toMatch(/<iframe|href="javascript:|<img src="http:/);
  });
});

describe('Thai segmentation off the request thread', () => {
  it('gives the same words in the worker thread as here, for long documents too', async () => {
    const long = {
      title: 'ปลูกผักสวนครัว',
      summary: 'เรียนรู้จากการทดลอง',
      tags: ['เกษตร'],
      body: Array.from({ length: 300 }, (_, i) => `ขั้นตอนที่ ${i} นักเรียนแบ่งกลุ่มทดลองปลูกผักสวนครัว`).join('\n'),
    };
    const offThread = await searchTokensOffThread(long);
    expect(offThread).toBe(searchTokens(long));
    expect(offThread.split(' ')).toEqual(expect.arrayContaining(['นักเรียน', 'ทดลอง', 'ผัก']));
  });

  it('segments a long run without any break (the worst case for the dictionary) piece by piece', async () => {
    const words = (
      await searchTokensOffThread({ title: 't', summary: '', body: 'ก'.repeat(100_000), tags: [] })
    )
      .split(' ')
      .join('');
    expect(words.length).toBeGreaterThanOrEqual(100_000);
  });
});
