import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Inject, Injectable, Logger, OnModuleDestroy, Optional } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { markupOf, SafeHtml } from './html';
import { batchPage, documentPage, startMarkName } from './pdf-document';
import { splitAtDestinations } from './pdf-split';
import { Semaphore } from './semaphore';

/** Debian's Chromium: the package the worker image installs. Never a browser a tool downloads. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless and quiet: no sandbox (the worker runs unprivileged in a container), no GPU, no background traffic,
 * updates, sync or first-run work. Playwright gives each launch a fresh, temporary user data directory. No host
 * resolves, addresses included: pages also refuse every request (see takePage), and this keeps the browser from
 * even opening a speculative connection to a server a document names.
 */
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

/** Documents printed in one `page.pdf()` call by renderMany; larger lists go in several. */
export const RENDER_MANY_BATCH = 50;

export interface PdfMargin {
  top: string;
  right: string;
  bottom: string;
  left: string;
}

export interface PdfRenderOptions {
  format?: 'A4';
  landscape?: boolean;
  /** Margins of every sheet; 15 mm on each side unless given (a certificate may want 0). */
  margin?: PdfMargin;
  /** Style rules shared by the documents (each document may also carry its own `<style>`). */
  css?: string;
  /** The PDF's title (render only; the documents of renderMany have none). */
  title?: string;
  lang?: 'th' | 'en';
}

export interface PdfRendererOptions {
  executablePath?: string;
  /** Pages (renders) open at once on the one browser; further calls wait. */
  maxPages?: number;
  /** For each step of a render (loading the page, printing it). */
  timeoutMs?: number;
}

export const PDF_RENDERER_OPTIONS = Symbol('PDF_RENDERER_OPTIONS');

export interface PdfRendererStats {
  launches: number;
  openPages: number;
  peakOpenPages: number;
}

/** Renders a page serves before it is closed and a fresh one opened (bounds whatever a page accumulates). */
const PAGE_REUSES = 200;

interface PooledPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  uses: number;
}

const DEFAULT_MARGIN: PdfMargin = { top: '15mm', right: '15mm', bottom: '15mm', left: '15mm' };

/**
 * HTML → PDF with one long-lived Chromium per process, started on first use and started again after it crashed
 * (a render that was running when it died is tried once more on the new one), closed when the module is
 * destroyed. Pages have scripts off and refuse every network request: a document holds its fonts (embedded
 * Sarabun) and pictures (data: URLs) itself. Renders queue for a few pages at a time; the pages are kept and
 * reused (see takePage).
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger(PdfRenderer.name);
  private readonly executablePath: string;
  private readonly timeoutMs: number;
  private readonly slots: Semaphore;
  private launching: Promise<Browser> | null = null;
  private readonly idle: PooledPage[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;
  private readonly counters: PdfRendererStats = { launches: 0, openPages: 0, peakOpenPages: 0 };

  constructor(@Optional() @Inject(PDF_RENDERER_OPTIONS) options: PdfRendererOptions | null = null) {
    this.executablePath = options?.executablePath ?? DEFAULT_CHROMIUM;
    this.timeoutMs = options?.timeoutMs ?? 30_000;
    this.slots = new Semaphore(options?.maxPages ?? 2);
  }

  /** One document. */
  render(content: string | SafeHtml, options: PdfRenderOptions = {}): Promise<Buffer> {
    const markup = documentPage(markupOf(content), options);
    return this.withPage((page) => this.print(page, markup, options));
  }

  /**
   * Many documents, one PDF each, printed up to RENDER_MANY_BATCH at a time in one `page.pdf()` call: each starts
   * on a new sheet and may run over several; the printed batch is split where each one starts (see batchPage).
   */
  async renderMany(documents: (string | SafeHtml)[], options: PdfRenderOptions = {}): Promise<Buffer[]> {
    const batches: (string | SafeHtml)[][] = [];
    for (let start = 0; start < documents.length; start += RENDER_MANY_BATCH)
      batches.push(documents.slice(start, start + RENDER_MANY_BATCH));
    const printed = await Promise.all(
      batches.map(async (batch) => {
        const nonce = randomBytes(6).toString('hex');
        const markup = batchPage(batch.map(markupOf), nonce, { ...options, title: undefined });
        const pdf = await this.withPage((page) => this.print(page, markup, options));
        return splitAtDestinations(
          pdf,
          batch.map((_, index) => startMarkName(nonce, index)),
        );
      }),
    );
    return printed.flat();
  }

  /** Launches so far, renders printing now and the most ever printing at once (for tests and the benchmark). */
  stats(): PdfRendererStats {
    return { ...this.counters };
  }

  /** Waits for the renders in progress, then closes the browser. Later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    await Promise.all(this.idle.splice(0).map((pooled) => pooled.context.close().catch(() => undefined)));
    const launching = this.launching;
    this.launching = null;
    if (launching) await launching.then((browser) => browser.close()).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.close();
  }

  private async print(page: Page, markup: string, options: PdfRenderOptions): Promise<Buffer> {
    await page.setContent(markup, { waitUntil: 'load' });
    // Fonts in data: URLs load asynchronously even so; print only once every face in use has loaded.
    await page.evaluate<boolean>('document.fonts.ready.then(() => true)');
    return page.pdf({
      format: options.format ?? 'A4',
      landscape: options.landscape ?? false,
      printBackground: true,
      margin: options.margin ?? DEFAULT_MARGIN,
    });
  }

  private withPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The PDF renderer is closed'));
    const task = this.slots.run(() => this.onPooledPage(work));
    this.inFlight.add(task);
    const forget = () => this.inFlight.delete(task);
    task.then(forget, forget);
    return task;
  }

  private async onPooledPage<T>(work: (page: Page) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const used: { browser?: Browser; pooled?: PooledPage } = {};
      let timedOut = false;
      let deadline: NodeJS.Timeout | undefined;
      this.counters.openPages += 1;
      this.counters.peakOpenPages = Math.max(this.counters.peakOpenPages, this.counters.openPages);
      try {
        const pooled = await this.takePage(used);
        // page.pdf() has no timeout of its own: a render that hangs loses its page, which ends it.
        deadline = setTimeout(() => {
          timedOut = true;
          void pooled.context.close().catch(() => undefined);
        }, this.timeoutMs);
        const result = await work(pooled.page);
        this.givePageBack(pooled, true);
        return result;
      } catch (error) {
        if (used.pooled) this.givePageBack(used.pooled, false);
        if (timedOut)
          throw new Error(`The PDF render took longer than ${this.timeoutMs} ms`, { cause: error });
        // The browser died under this render: once more, on a new one.
        if (attempt === 1 && used.browser && !used.browser.isConnected()) {
          this.logger.warn({ err: error }, 'Chromium went away during a render; trying again on a new one');
          continue;
        }
        throw error;
      } finally {
        clearTimeout(deadline);
        this.counters.openPages -= 1;
      }
    }
  }

  /**
   * An idle page of the running browser, or a new one in its own context (scripts off, every request refused).
   * Opening a page costs far more than printing one (a new renderer process), so pages are kept and reused:
   * each render replaces the whole document, and with scripts off nothing of one document outlives it.
   */
  private async takePage(used: { browser?: Browser; pooled?: PooledPage }): Promise<PooledPage> {
    for (let pooled = this.idle.pop(); pooled; pooled = this.idle.pop()) {
      if (pooled.browser.isConnected() && !pooled.page.isClosed()) {
        used.browser = pooled.browser;
        used.pooled = pooled;
        return pooled;
      }
      await pooled.context.close().catch(() => undefined);
    }
    const browser = await this.browser();
    used.browser = browser;
    const context = await browser.newContext({ javaScriptEnabled: false, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(this.timeoutMs);
      await page.route('**/*', (route) => route.abort('blockedbyclient'));
      used.pooled = { browser, context, page, uses: 0 };
      return used.pooled;
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  /** A page that printed well goes back to the pool until it has printed PAGE_REUSES times; others are closed. */
  private givePageBack(pooled: PooledPage, healthy: boolean): void {
    pooled.uses += 1;
    if (healthy && !this.closed && pooled.uses < PAGE_REUSES && pooled.browser.isConnected()) {
      this.idle.push(pooled);
      return;
    }
    void pooled.context.close().catch(() => undefined);
  }

  /** The running browser, launched on first use and again after it disconnected (crashed or was killed). */
  private browser(): Promise<Browser> {
    if (this.launching) return this.launching;
    if (!existsSync(this.executablePath))
      return Promise.reject(
        new Error(
          `Chromium is missing at ${this.executablePath}: PDFs are printed by Debian's chromium package ` +
            '(apt-get install chromium)',
        ),
      );
    // playwright-core is loaded on the first launch: most processes (every API replica) never print.
    const launching = import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath: this.executablePath,
          args: CHROMIUM_FLAGS,
          timeout: this.timeoutMs,
        }),
      )
      .then((browser) => {
        browser.on('disconnected', () => {
          if (this.launching === launching) this.launching = null;
          if (!this.closed) this.logger.warn('Chromium disconnected; the next render starts a new one');
        });
        return browser;
      });
    launching.catch(() => {
      if (this.launching === launching) this.launching = null;
    });
    this.launching = launching;
    this.counters.launches += 1;
    return launching;
  }
}
