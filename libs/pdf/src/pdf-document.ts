import { escapeHtml } from './html';
import { PDF_FONT_FAMILY, sarabunFontFaces } from './sarabun-font';

/**
 * The page every document is printed in: Thai language (line breaks between Thai words come from the browser's
 * dictionary for `lang="th"`), the embedded Sarabun, A4 margins, colours printed as designed. A document is the
 * body's content (it may carry its own `<style>`); `css` adds rules shared by a template.
 */
const BASE_CSS = `
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: '${PDF_FONT_FAMILY}', sans-serif; font-size: 12pt; line-height: 1.5; color: #111; }
.lc-pdf-document + .lc-pdf-document { break-before: page; }
.lc-pdf-start { display: block; height: 0; margin: 0; padding: 0; }
`;

export interface ShellOptions {
  css?: string;
  title?: string;
  lang?: 'th' | 'en';
}

function shell(body: string, options: ShellOptions): string {
  return (
    `<!doctype html><html lang="${options.lang ?? 'th'}"><head><meta charset="utf-8">` +
    `<title>${escapeHtml(options.title ?? '')}</title>` +
    `<style>${sarabunFontFaces()}\n${BASE_CSS}</style>` +
    (options.css ? `<style>${options.css}</style>` : '') +
    `</head><body>${body}</body></html>`
  );
}

/** One document. */
export function documentPage(body: string, options: ShellOptions = {}): string {
  return shell(`<div class="lc-pdf-document">${body}</div>`, options);
}

/** The id of the mark at the start of document `index` of a batch (the batch's nonce keeps it from clashing). */
export function startMarkName(nonce: string, index: number): string {
  return `lc-pdf-${nonce}-${index}`;
}

/**
 * Several documents in one page, each starting on a new sheet, each opening with an empty mark element. A hidden
 * link to every mark makes Chromium write a named destination for it (it records destinations only for link
 * targets): in the PDF, each name points at the page where its document starts, which is how the batch is split.
 */
export function batchPage(bodies: string[], nonce: string, options: ShellOptions = {}): string {
  const documents = bodies
    .map(
      (body, index) =>
        `<div class="lc-pdf-document"><div class="lc-pdf-start" id="${startMarkName(nonce, index)}"></div>${body}</div>`,
    )
    .join('');
  const links = bodies.map((_, index) => `<a href="#${startMarkName(nonce, index)}"></a>`).join('');
  return shell(`${documents}<div hidden>${links}</div>`, options);
}
