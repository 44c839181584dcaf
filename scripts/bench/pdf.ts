/**
 * `npm run bench:pdf`: documents per second printed by the worker's PdfRenderer (Debian's Chromium through
 * playwright-core, Sarabun embedded), for a one-page Thai certificate and a two-page Thai report:
 *   - render one by one, one call after the other;
 *   - render, calls arriving together (the renderer prints its few pages at a time);
 *   - renderMany in batches of 50 (one `page.pdf()` per batch, split into one PDF per document with pdf-lib),
 *     one batch after the other, then the whole list in one call (its batches printed side by side).
 * The browser is started and warmed before the clock starts. No servers needed; no assertion, only figures.
 *
 * Knobs: BENCH_DOCUMENTS (100 per figure), BENCH_PAGES (pages open at once, 2), CHROMIUM_PATH.
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { html, PdfRenderer, raw, SafeHtml } from '../../libs/pdf/src';

const DOCUMENTS = positiveInt('BENCH_DOCUMENTS', 100);
const PAGES = positiveInt('BENCH_PAGES', 2);
const BATCH = 50;

function positiveInt(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new Error(`${name} must be a positive integer, got ${value}`);
  return parsed;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

const NAMES = ['สมชาย ใจดี', 'วิไลวรรณ ศรีสุข', 'ประเสริฐ มั่นคง', 'กาญจนา น้ำใจงาม', 'ธนพล ปู่ย่าตายาย'];

function certificate(index: number): SafeHtml {
  return html`<div style="text-align: center; padding-top: 40mm">
    <h1 style="font-size: 28pt">เกียรติบัตร</h1>
    <p>สำนักงานคณะกรรมการการศึกษาขั้นพื้นฐาน มอบเกียรติบัตรฉบับนี้ไว้เพื่อแสดงว่า</p>
    <h2 style="font-size: 22pt">ครู${NAMES[index % NAMES.length]} (${index + 1})</h2>
    <p>ได้ผ่านการอบรมการจัดการเรียนรู้เชิงรุก (Active Learning) ครบตามหลักสูตร ร้อยละ 80 ขึ้นไป</p>
    <p>ให้ไว้ ณ วันที่ 2 ธันวาคม พ.ศ. 2569</p>
  </div>`;
}

const PARAGRAPH =
  'ผู้อำนวยการโรงเรียนและครูที่ได้รับการพัฒนาได้นำนวัตกรรมการจัดการเรียนรู้เชิงรุกไปใช้ในชั้นเรียนอย่างต่อเนื่อง ' +
  'โดยมีศึกษานิเทศก์ติดตามและให้ข้อมูลย้อนกลับด้วยน้ำใจ ส่งผลให้ผู้เรียนมีส่วนร่วมและเกิดสมรรถนะตามเป้าหมาย ';

function report(index: number): SafeHtml {
  const rows = Array.from(
    { length: 12 },
    (_, row) =>
      html`<tr>
        <td>กิจกรรมที่ ${row + 1}</td>
        <td>${120 + row * 7}</td>
        <td>${98 + row * 5}</td>
      </tr>`,
  );
  return html`<h1>รายงานผลการดำเนินงาน เขตพื้นที่ ${index + 1}</h1>
    <table style="width: 100%; border-collapse: collapse">
      ${rows}
    </table>
    ${raw(Array.from({ length: 18 }, () => `<p>${PARAGRAPH}</p>`).join(''))}`;
}

async function measure(label: string, documents: number, run: () => Promise<Buffer[]>): Promise<void> {
  const started = performance.now();
  const pdfs = await run();
  const seconds = (performance.now() - started) / 1000;
  if (pdfs.length !== documents) throw new Error(`${label}: ${pdfs.length} PDFs for ${documents} documents`);
  const bytes = pdfs.reduce((sum, pdf) => sum + pdf.length, 0);
  log(
    `  ${label.padEnd(34)} ${(documents / seconds).toFixed(1).padStart(7)} documents/s ` +
      `(${documents} in ${seconds.toFixed(2)} s, ${((seconds / documents) * 1000).toFixed(0)} ms each, ` +
      `${Math.round(bytes / documents / 1024)} KiB each)`,
  );
}

async function main(): Promise<void> {
  const renderer = new PdfRenderer({ executablePath: process.env.CHROMIUM_PATH, maxPages: PAGES });
  log(`PDF benchmark: ${DOCUMENTS} documents per figure, ${PAGES} pages at once, ${cpus().length} cores`);
  try {
    const launched = performance.now();
    await renderer.render(certificate(0));
    log(`  first render, browser start included: ${(performance.now() - launched).toFixed(0)} ms`);

    for (const [kind, make] of [
      ['one-page certificate', certificate],
      ['two-page report', report],
    ] as const) {
      const documents = Array.from({ length: DOCUMENTS }, (_, index) => make(index));
      log(`${kind}:`);
      await measure('render, one after the other', DOCUMENTS, async () => {
        const pdfs: Buffer[] = [];
        for (const document of documents) pdfs.push(await renderer.render(document));
        return pdfs;
      });
      await measure(`render, ${DOCUMENTS} calls together`, DOCUMENTS, () =>
        Promise.all(documents.map((document) => renderer.render(document))),
      );
      await measure(`renderMany, batches of ${BATCH} in turn`, DOCUMENTS, async () => {
        const pdfs: Buffer[] = [];
        for (let start = 0; start < documents.length; start += BATCH)
          pdfs.push(...(await renderer.renderMany(documents.slice(start, start + BATCH))));
        return pdfs;
      });
      // One call: renderMany cuts the list into batches of 50 itself and prints them on its pages at once.
      await measure(`renderMany, all ${DOCUMENTS} in one call`, DOCUMENTS, () =>
        renderer.renderMany(documents),
      );
    }
    log(`browser launches: ${renderer.stats().launches}`);
  } finally {
    await renderer.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
