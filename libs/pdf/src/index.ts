// What other code imports from @lc/pdf; everything else in this folder is the library's own.

// Modules
export { PdfModule, PdfWorkerModule } from './pdf.module';

// Printing (worker side)
export { DEFAULT_CHROMIUM, PDF_RENDERER_OPTIONS, PdfRenderer, RENDER_MANY_BATCH } from './pdf-renderer';
export type { PdfMargin, PdfRendererOptions, PdfRendererStats, PdfRenderOptions } from './pdf-renderer';
export { PDF_FONT_FAMILY } from './sarabun-font';
export { PdfTemplate, PdfTemplates } from './pdf-templates';
export type { PdfSource, PdfTemplateFn } from './pdf-templates';

// Asking the worker (api side)
export { PDF_DEFAULT_TIMEOUT_MS, PdfJobs } from './pdf-jobs';
export type { RenderInWorkerOptions } from './pdf-jobs';
export { PDF_QUEUE } from './pdf-queue';

// Templating and errors
export { escapeHtml, html, raw, SafeHtml } from './html';
export { PdfErrors } from './pdf-errors';
