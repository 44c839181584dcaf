import { escapeHtml, html, raw, SafeHtml } from './html';
import { Semaphore } from './semaphore';

describe('html', () => {
  it('escapes every value, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'ครู'`;
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;ครู&#39;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;ครู&#39;</p>',
    );
  });

  it('keeps nested templates and raw markup, renders lists item by item and skips empty values', () => {
    const rows = ['ผู้อำนวยการ', '<b>'].map((name) => html`<li>${name}</li>`);
    const chart = raw('<svg width="10"></svg>');
    const empties = html`${null}${undefined}${false}${0}`;
    // prettier-ignore
    const result = html`<ul>${rows}</ul>${chart}${empties}`;
    expect(result).toBeInstanceOf(SafeHtml);
    expect(String(result)).toBe('<ul><li>ผู้อำนวยการ</li><li>&lt;b&gt;</li></ul><svg width="10"></svg>0');
  });

  it('leaves Thai text as it is', () => {
    expect(escapeHtml('น้ำใจ ปู่ย่า ที่ได้รับ')).toBe('น้ำใจ ปู่ย่า ที่ได้รับ');
  });
});

describe('Semaphore', () => {
  it('runs at most its limit at once and every task in the end', async () => {
    const semaphore = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        semaphore
          .run(async () => {
            running += 1;
            peak = Math.max(peak, running);
            await new Promise((resolve) => setTimeout(resolve, 5));
            running -= 1;
            if (index === 3) throw new Error('one fails');
            return index;
          })
          .catch(() => 'failed'),
      ),
    );
    expect(results).toEqual([0, 1, 2, 'failed', 4, 5, 6]);
    expect(peak).toBe(2);
  });
});
