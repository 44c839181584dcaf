/**
 * Reading printed PDFs back as a person's PDF reader would: the text through poppler's `pdftotext` (installed with
 * apt-get when missing and we are root, as test/support/browser.ts does for Chromium; anyone else is told how),
 * the page count through pdf-lib.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';

const PDFTOTEXT = '/usr/bin/pdftotext';

export function ensurePdftotext(): string {
  if (existsSync(PDFTOTEXT)) return PDFTOTEXT;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot)
    throw new Error(
      `The PDF tests read text back with poppler's pdftotext, missing at ${PDFTOTEXT}: ` +
        'run `sudo apt-get install -y poppler-utils`',
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils'], {
      stdio: 'ignore',
      env,
    });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'poppler-utils'], {
      stdio: 'ignore',
      env,
    });
  }
  if (!existsSync(PDFTOTEXT))
    throw new Error(`apt-get installed poppler-utils but ${PDFTOTEXT} is still missing`);
  return PDFTOTEXT;
}

/** The PDF's text in reading order (`-layout` off: one line of the page is one line of text). */
export function pdfText(pdf: Buffer): string {
  return execFileSync(ensurePdftotext(), ['-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString('utf8')
    .normalize('NFC');
}

/** The text of each page, in order. */
export function pdfPageTexts(pdf: Buffer): string[] {
  // pdftotext ends every page with a form feed.
  const pages = pdfText(pdf).split('\f');
  if (pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

/** A valid PDF starts with its header. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}
