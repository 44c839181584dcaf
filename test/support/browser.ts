/**
 * Real browsers for the web app's journeys: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
 * never a browser a tool downloads. When Chromium is missing, root installs it with apt-get; anyone else is told
 * how. Every step's screenshot is kept under artifacts/screenshots/<journey>/<viewport>/ (a build artefact,
 * never committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', '..', 'artifacts', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Installs Debian's Chromium when it is missing and we may (root); otherwise says exactly what to run. */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot)
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}: run \`sudo apt-get install -y chromium\` ` +
        '(or set CHROMIUM_PATH to a Chromium binary)',
    );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-thai-tlwg'], {
      stdio: 'ignore',
      env,
    });
  } catch {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'fonts-thai-tlwg'], {
      stdio: 'ignore',
      env,
    });
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
  return CHROMIUM;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** A fresh browser context (its own cookies and storage: one person on one phone or laptop). */
export async function newPerson(
  browser: Browser,
  baseURL: string,
  viewport: ViewportName,
  language: 'th' | 'en' = 'th',
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[viewport],
    locale: language === 'th' ? 'th-TH' : 'en-GB',
    timezoneId: 'Asia/Bangkok',
    serviceWorkers: 'block',
    hasTouch: viewport === 'phone',
    isMobile: viewport === 'phone',
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Numbered screenshots of a journey's steps, one folder per journey and viewport. */
export class Steps {
  private count = 0;
  readonly directory: string;

  constructor(journey: string, viewport: ViewportName) {
    this.directory = join(ARTIFACTS, journey, viewport);
    mkdirSync(this.directory, { recursive: true });
  }

  async shot(page: Page, step: string): Promise<void> {
    this.count += 1;
    const name = `${String(this.count).padStart(2, '0')}-${step}.png`;
    await page.screenshot({ path: join(this.directory, name), fullPage: false });
  }
}

/** Horizontal overflow in CSS pixels: a page that makes a phone scroll sideways is broken. */
export function sidewaysOverflow(page: Page): Promise<number> {
  // Browser code as text: this file is type-checked for Node, without the DOM's types.
  return page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = () => readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE() });
  const violations = await page.evaluate<AxeViolation[]>(`
    axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })))
  `);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** What a script can read that could hold a token: web storage and non-HttpOnly cookies. */
export function scriptReadableStorage(
  page: Page,
): Promise<{ local: string; session: string; cookie: string }> {
  return page.evaluate<{ local: string; session: string; cookie: string }>(
    '({ local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookie: document.cookie })',
  );
}

/** The app's texts, so tests find buttons by the words people read (and break when a label disappears). */
export function texts(language: 'th' | 'en', namespace: string): Record<string, unknown> {
  const file = join(
    __dirname,
    '..',
    '..',
    'apps',
    'web',
    'src',
    'i18n',
    'locales',
    language,
    `${namespace}.json`,
  );
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

/** One text by its dotted key, e.g. `text('th', 'common', 'nav.signIn')`; fails loudly when it is missing. */
export function text(language: 'th' | 'en', namespace: string, key: string): string {
  let value: unknown = texts(language, namespace);
  for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  if (typeof value !== 'string') throw new Error(`No text ${language}:${namespace}:${key}`);
  return value;
}
