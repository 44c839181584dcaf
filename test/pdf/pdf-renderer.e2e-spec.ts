import { execFileSync } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { PDFDocument } from 'pdf-lib';
import { html, PdfRenderer, raw, RENDER_MANY_BATCH } from '@lc/pdf';
import { ensureChromium } from '../support/browser';
import { eventually } from '../support/test-app';
import { ensurePdftotext, pdfPageCount, pdfPageTexts, pdfText } from './pdf-text';

/** The words the issue names: Thai with stacked vowels and tone marks (ที่, น้ำ, ผู้, ปู่). */
const THAI_WORDS = ['ผู้อำนวยการโรงเรียน', 'น้ำใจ', 'ปู่ย่า', 'ที่ได้รับ', 'การจัดการเรียนรู้เชิงรุก'];

/** A sentence written as Thai is, without spaces between words; the words it is made of, in order. */
const SENTENCE_WORDS = [
  'ครู', 'ผู้', 'อำนวย', 'การ', 'โรงเรียน', 'ได้', 'รับ', 'ความ', 'รู้', 'ใหม่', 'จาก', 'การ', 'จัดการ',
  'เรียน', 'รู้', 'เชิง', 'รุก', 'ร่วม', 'กับ', 'นักเรียน', 'ทุก', 'คน', 'ใน', 'ชุมชน', 'ด้วย', 'น้ำใจ',
  'และ', 'ความ', 'ตั้งใจ', 'อย่าง', 'ต่อ', 'เนื่อง',
]; // prettier-ignore

/** Names that are no part of one another, one per document of a batch. */
const NAMES = [
  'สมชาย', 'สมหญิง', 'วิไลวรรณ', 'ประเสริฐ', 'กาญจนา', 'ธนพล', 'อรุณี', 'สุรเชษฐ์', 'พิมพ์ชนก', 'ณัฐวุฒิ',
  'จันทร์เพ็ญ', 'บุญเรือง', 'ปิยะนุช', 'เกียรติศักดิ์', 'รัตนาภรณ์', 'อนุชา', 'มาลัย', 'ทองใบ', 'ศิริพร', 'ชูชาติ',
]; // prettier-ignore

const squeeze = (text: string) => text.replace(/\s+/g, '');

/**
 * Where a line may end in `text`: between two words of its dictionary segmentation (ICU's, through
 * Intl.Segmenter) or of the words it was written from, and at spaces.
 */
function wordBoundaries(text: string, words: string[]): Set<number> {
  const boundaries = new Set<number>();
  for (const { index } of new Intl.Segmenter('th', { granularity: 'word' }).segment(text))
    boundaries.add(index);
  let offset = 0;
  for (const sentence of text.split(' ')) {
    let inside = 0;
    for (const word of words) {
      if (sentence.startsWith(word, inside)) {
        inside += word.length;
        boundaries.add(offset + inside);
      }
    }
    offset += sentence.length + 1;
  }
  return boundaries;
}

/** The lines of the printed text, each located in the source text; the offsets where lines ended. */
function lineEnds(printed: string, source: string): number[] {
  const lines = printed
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const ends: number[] = [];
  let offset = 0;
  for (const line of lines) {
    const at = source.indexOf(line, offset);
    if (at < 0) throw new Error(`Printed line not found in the source as it is: ${line}`);
    offset = at + line.length;
    ends.push(offset);
  }
  return ends.slice(0, -1);
}

function fontsOf(pdf: Buffer): string[] {
  const listing = execFileSync('pdffonts', ['-'], { input: pdf }).toString('utf8');
  return listing
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0]);
}

describe('PdfRenderer: Thai documents from HTML with one Chromium', () => {
  let renderer: PdfRenderer;

  beforeAll(() => {
    ensureChromium();
    ensurePdftotext();
    renderer = new PdfRenderer();
  });

  afterAll(async () => {
    await renderer.close();
  });

  it('prints Thai words with their vowels and tone marks intact, in the embedded Sarabun', async () => {
    const pdf = await renderer.render(
      html`<h1>${THAI_WORDS.join(' ')}</h1>
        <p>${THAI_WORDS.join(' ')}</p>`,
      {
        title: 'ทดสอบ',
      },
    );
    const text = pdfText(pdf);
    for (const word of THAI_WORDS) expect(squeeze(text)).toContain(word);
    // The second copy fits on one line of the A4 page: the words come out exactly, spaces and all.
    expect(text).toContain(THAI_WORDS.join(' '));
    // Every font in the file is Sarabun, embedded (regular for the text, bold for the heading).
    const fonts = fontsOf(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+Sarabun-(Regular|Bold)$/);
  });

  it('wraps a long Thai paragraph between words, never inside one', async () => {
    const sentence = SENTENCE_WORDS.join('');
    const paragraph = Array.from({ length: 8 }, () => sentence).join(' ');
    const boundaries = wordBoundaries(paragraph, SENTENCE_WORDS);
    let checkedBreaks = 0;
    for (const width of ['52mm', '67mm', '83mm']) {
      const pdf = await renderer.render(html`<p style="width: ${width}">${paragraph}</p>`);
      const printed = pdfText(pdf);
      expect(squeeze(printed)).toBe(squeeze(paragraph));
      const ends = lineEnds(printed, paragraph);
      expect(ends.length).toBeGreaterThan(5);
      for (const end of ends) {
        if (!boundaries.has(end))
          throw new Error(
            `A line ends inside a word at ${width}: …${paragraph.slice(end - 6, end)}|${paragraph.slice(end, end + 6)}…`,
          );
      }
      checkedBreaks += ends.length;
    }
    expect(checkedBreaks).toBeGreaterThan(30);

    // The check catches a bad break: the same paragraph broken anywhere (CSS break-all) fails it.
    const broken = pdfText(
      await renderer.render(html`<p style="width: 52mm; word-break: break-all">${paragraph}</p>`),
    );
    expect(lineEnds(broken, paragraph).some((end) => !boundaries.has(end))).toBe(true);
  });

  it('prints 20 documents of one and two pages in one batch and splits them exactly', async () => {
    // Trusted markup the test builds: 35 paragraphs run onto a second sheet by themselves.
    const longText = raw(
      Array.from({ length: 35 }, (_, line) => `<p>บรรทัดที่ ${line + 1} การจัดการเรียนรู้เชิงรุก</p>`).join(''),
    );
    const documents = NAMES.map((name, index) => {
      if (index % 3 === 0)
        return html`<h1>เกียรติบัตร ${name}</h1>
          <p>ผู้อำนวยการโรงเรียน น้ำใจ</p>`;
      if (index % 3 === 1)
        return html`<h1>รายงาน ${name}</h1>
          <div style="break-before: page"><p>หน้าสองของ ${name}</p></div>`;
      return html`<h1>บันทึก ${name}</h1>
        ${longText}
        <p>ท้ายเอกสารของ ${name}</p>`;
    });

    // The third kind runs onto a second sheet when printed alone.
    expect(await pdfPageCount(await renderer.render(documents[2]))).toBe(2);
    const expectedPages = documents.map((_, index) => (index % 3 === 0 ? 1 : 2));

    const pdfs = await renderer.renderMany(documents);
    expect(pdfs).toHaveLength(20);
    for (const [index, pdf] of pdfs.entries()) {
      expect(await pdfPageCount(pdf)).toBe(expectedPages[index]);
      const pages = pdfPageTexts(pdf);
      const own = NAMES[index];
      // Its name on its first and its last page; no other document's name anywhere.
      expect(pages[0]).toContain(own);
      expect(pages[pages.length - 1]).toContain(own);
      for (const other of NAMES) if (other !== own) expect(pages.join('\n')).not.toContain(other);
    }
  });

  it('prints more documents than one batch holds, in order', async () => {
    const count = RENDER_MANY_BATCH + 5;
    const pdfs = await renderer.renderMany(
      Array.from({ length: count }, (_, index) => html`<p>เอกสารเลขที่ «${index}»</p>`),
    );
    expect(pdfs).toHaveLength(count);
    pdfs.forEach((pdf, index) => expect(pdfText(pdf).match(/«\d+»/g)).toEqual([`«${index}»`]));
  });

  it('renders calls that arrive together on one browser, two pages at a time, each with its own content', async () => {
    const fresh = new PdfRenderer({ maxPages: 2 });
    try {
      const pdfs = await Promise.all(NAMES.slice(0, 8).map((name) => fresh.render(html`<h1>ครู${name}</h1>`)));
      pdfs.forEach((pdf, index) => {
        const text = pdfText(pdf);
        expect(text).toContain(`ครู${NAMES[index]}`);
        for (const other of NAMES.slice(0, 8)) if (other !== NAMES[index]) expect(text).not.toContain(other);
      });
      const stats = fresh.stats();
      expect(stats.launches).toBe(1);
      expect(stats.peakOpenPages).toBe(2);
      expect(stats.openPages).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('starts a new Chromium when the one it used has crashed', async () => {
    const fresh = new PdfRenderer();
    try {
      const before = chromiumChildren();
      expect(pdfText(await fresh.render(html`<p>ก่อน</p>`))).toContain('ก่อน');
      const its = chromiumChildren().filter((pid) => !before.includes(pid));
      expect(its).toHaveLength(1);
      for (const pid of its) process.kill(pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(pdfText(await fresh.render(html`<p>หลัง</p>`))).toContain('หลัง');
      expect(fresh.stats().launches).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('prints again on a new Chromium when the one printing dies mid-render', async () => {
    const fresh = new PdfRenderer();
    try {
      const before = chromiumChildren();
      await fresh.render(html`<p>เริ่ม</p>`);
      const [browser] = chromiumChildren().filter((pid) => !before.includes(pid));
      const paragraphs = raw(Array.from({ length: 40 }, () => `<p>${SENTENCE_WORDS.join('')}</p>`).join(''));
      const documents = NAMES.map(
        (name) =>
          html`<h1>${name}</h1>
            ${paragraphs}`,
      );
      const printing = fresh.renderMany([...documents, ...documents]);
      // While it prints (a second's work on its page, already open), its browser dies.
      await eventually(async () => (fresh.stats().openPages > 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 150));
      process.kill(browser, 'SIGKILL');
      const pdfs = await printing;
      expect(pdfs).toHaveLength(40);
      pdfs.forEach((pdf, index) => expect(pdfPageTexts(pdf)[0]).toContain(NAMES[index % 20]));
      expect(fresh.stats().launches).toBe(2);
    } finally {
      await fresh.close();
    }
  });

  it('asks nothing of the network and runs no script of the document', async () => {
    const requests: string[] = [];
    let connections = 0;
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.end('');
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const base = `http://127.0.0.1:${port}`;
      const markup =
        `<link rel="stylesheet" href="${base}/style.css"><img src="http://localhost:${port}/logo.png" alt="">` +
        `<link rel="preconnect" href="${base}">` +
        `<iframe src="${base}/frame"></iframe><p id="t">ข้อความเดิม</p>` +
        `<script>document.getElementById('t').textContent = 'SCRIPTED'; fetch('${base}/fetch')</script>`;
      const pdf = await renderer.render(markup);
      const text = pdfText(pdf);
      expect(text).toContain('ข้อความเดิม');
      expect(text).not.toContain('SCRIPTED');
      // Not even a connection opened ahead of time (Chromium preconnects to servers a page names).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
      expect(connections).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('prints A4 upright or landscape', async () => {
    const upright = (await PDFDocument.load(await renderer.render('<p>A4</p>'))).getPage(0).getSize();
    const landscape = (await PDFDocument.load(await renderer.render('<p>A4</p>', { landscape: true })))
      .getPage(0)
      .getSize();
    // A4 is 210 × 297 mm: 595.3 × 841.9 points (Chromium rounds to whole pixels, within a point or so).
    expect(Math.abs(upright.width - 595.3)).toBeLessThan(2);
    expect(Math.abs(upright.height - 841.9)).toBeLessThan(2);
    expect(Math.abs(landscape.width - 841.9)).toBeLessThan(2);
    expect(Math.abs(landscape.height - 595.3)).toBeLessThan(2);
  });
});

/** The ids of the Chromium processes this test process started (its direct children). */
function chromiumChildren(): number[] {
  const listing = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]).toString('utf8');
  return listing
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([pid, command]) => pid && command?.startsWith('chrom'))
    .map(([pid]) => Number(pid));
}
