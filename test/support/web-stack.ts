/**
 * The whole product for a browser journey: a fresh database, the real API serving the built web app, the real
 * worker (outbox relay, awards, notifications, realtime fan-out, e-mail), e-mail written as .eml files to a
 * directory of the suite's own, and one Chromium. One stack per spec file (beforeAll); every person in a journey
 * gets their own browser context (cookies and storage of their own), so two people can watch each other live.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { defaultWebRoot } from '../../apps/api/src/web/web-app';
import { ARTIFACTS, launchBrowser, newPerson, sidewaysOverflow, Steps, text, ViewportName } from './browser';
import { Given, GivenMember } from './given';
import { ConfigOverrides, createTestEnvironment, startTestApp, TestApp, TestEnvironment } from './test-app';
import { startTestWorker } from './test-worker';

export interface WebStack {
  environment: TestEnvironment;
  api: TestApp;
  worker: INestApplicationContext;
  browser: Browser;
  given: Given;
  /** Where the worker writes every e-mail it sends (MAIL_TRANSPORT=file). */
  mailDir: string;
  /** The API's address, serving the web app at `/`. */
  url: string;
  close: () => Promise<void>;
}

/** Starts everything a journey needs; `close()` stops all of it (also what did start when a later step failed). */
export async function startWebStack(extra: ConfigOverrides = {}): Promise<WebStack> {
  const root = defaultWebRoot();
  if (!existsSync(join(root, 'index.html')))
    throw new Error(`The web app is not built (${root}): run \`npm run build:web\` (npm test does it first)`);
  const mailDir = await mkdtemp(join(tmpdir(), 'lc-web-mail-'));
  const stoppers: (() => Promise<unknown>)[] = [() => rm(mailDir, { recursive: true, force: true })];
  const close = async () => {
    for (const stop of stoppers.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    const environment = await createTestEnvironment({
      MAIL_TRANSPORT: 'file',
      MAIL_DIR: mailDir,
      MAIL_SWEEP_MS: '100',
      ...extra,
    });
    stoppers.push(() => environment.drop());
    const api = await startTestApp(environment);
    stoppers.push(() => api.close());
    const worker = await startTestWorker(environment);
    stoppers.push(() => worker.close());
    const browser = await launchBrowser();
    stoppers.push(() => browser.close());
    return { environment, api, worker, browser, given: new Given(api), mailDir, url: api.url, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A guest's browser: a context of their own (the harness's), waiting up to 30 s for what a step expects. */
export async function browse(
  stack: WebStack,
  viewport: ViewportName,
): Promise<{ context: BrowserContext; page: Page }> {
  const person = await newPerson(stack.browser, stack.url, viewport);
  person.context.setDefaultTimeout(30_000);
  return person;
}

/**
 * A signed-in member's browser: the API's sign-in with the cookie transport, made from the context itself, so
 * the HttpOnly refresh cookie lands in its cookie jar exactly as after the login form (which has its own journey).
 */
export async function signedIn(
  stack: WebStack,
  viewport: ViewportName,
  member: Pick<GivenMember, 'email' | 'password'>,
): Promise<{ context: BrowserContext; page: Page }> {
  const person = await browse(stack, viewport);
  const response = await person.context.request.post('/api/v1/auth/login', {
    data: { email: member.email, password: member.password },
    headers: { 'x-auth-transport': 'cookie' },
  });
  if (response.status() !== 200)
    throw new Error(`sign-in of ${member.email} failed: ${response.status()} ${await response.text()}`);
  return person;
}

/**
 * Every step of a journey: a screenshot, and on a phone the page must not scroll sideways. Call it on each page
 * visited (after what the step is about is on screen).
 */
export class Journey {
  readonly steps: Steps;
  private readonly pages = new Map<Page, string[]>();

  constructor(
    name: string,
    readonly viewport: ViewportName,
  ) {
    // A run's screenshots only: the previous run's (a failure's included) would mislead.
    rmSync(join(ARTIFACTS, name, viewport), { recursive: true, force: true });
    this.steps = new Steps(name, viewport);
  }

  async step(page: Page, name: string): Promise<void> {
    this.watch(page);
    await this.steps.shot(page, name);
    if (this.viewport === 'phone') {
      const overflow = await sidewaysOverflow(page);
      if (overflow > 0)
        throw new Error(`${page.url()} scrolls sideways by ${overflow}px at phone size (${name})`);
    }
  }

  /** Keeps the page's script errors, told when the journey fails. */
  watch(page: Page): void {
    if (this.pages.has(page)) return;
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    this.pages.set(page, errors);
  }

  /**
   * Runs the journey; when a step fails, every page it has seen is screenshotted as it is (…-FAILED-n.png) and
   * its script errors are added to the failure.
   */
  async run(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      let index = 0;
      const told: string[] = [];
      for (const [page, errors] of this.pages) {
        index += 1;
        await this.steps.shot(page, `FAILED-${index}`).catch(() => undefined);
        if (errors.length) told.push(`page ${index} (${page.url()}): ${errors.join(' | ')}`);
      }
      if (told.length && error instanceof Error) error.message += `\nScript errors: ${told.join('\n')}`;
      throw error;
    }
  }
}

/** An e-mail the worker wrote (MAIL_TRANSPORT=file), by its file name, e.g. `password-reset-<id>.eml`. */
export function mailFile(stack: WebStack, name: string): Promise<string> {
  return readFile(join(stack.mailDir, name), 'utf8');
}

/**
 * Marks the document a person has open; the returned check fails when that page was reloaded or left since (a new
 * document forgets the mark). Live updates are proven with it: what appeared did so without a reload.
 */
export async function markDocument(page: Page): Promise<() => Promise<void>> {
  const mark = `journey-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await page.evaluate(`window.__journeyMark = ${JSON.stringify(mark)}`);
  return async () => {
    const now = await page.evaluate<string | undefined>('window.__journeyMark');
    if (now !== mark) throw new Error(`${page.url()} was reloaded or left: the update did not arrive live`);
  };
}

/** The number a test id's element shows (thousands separators and units ignored). */
export async function shownNumber(page: Page, testId: string): Promise<number> {
  const shown = await page.getByTestId(testId).first().textContent();
  return Number((shown ?? '').replace(/[^0-9]/g, ''));
}

/** The little of the DOM the waits below read in the page (this file is type-checked without the DOM's types). */
type InPage = {
  document: {
    querySelector(
      selector: string,
    ): { textContent: string | null; getAttribute(name: string): string | null } | null;
  };
};

/**
 * Waits (Playwright's polling, no sleep) until the element with the test id shows a number greater than `above`.
 * The predicate is a function, not a string: the app's Content-Security-Policy forbids eval, rightly.
 */
export async function waitForNumberAbove(page: Page, testId: string, above: number): Promise<number> {
  const answer = await page.waitForFunction(
    ({ testId, above }) => {
      const element = (globalThis as unknown as InPage).document.querySelector(`[data-testid="${testId}"]`);
      const value = element ? Number((element.textContent ?? '').replace(/[^0-9]/g, '')) : NaN;
      return value > above ? value : false;
    },
    { testId, above },
  );
  return (await answer.jsonValue()) as number;
}

/** The bell's unread count, read from its accessible name (the app's own words, `nav.notificationsCount`). */
function bellPattern(): string {
  const template = text('th', 'common', 'nav.notificationsCount_other');
  return `^${template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{\\{count\\}\\}', '(\\d+)')}$`;
}

export async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId('notification-bell').getAttribute('aria-label')) ?? '';
  const match = new RegExp(bellPattern()).exec(label);
  if (!match) throw new Error(`the bell says "${label}", not an unread count`);
  return Number(match[1]);
}

/** Waits until the bell in the header says more than `above` unread. */
export async function waitForBellAbove(page: Page, above: number): Promise<number> {
  const answer = await page.waitForFunction(
    ({ pattern, above }) => {
      const bell = (globalThis as unknown as InPage).document.querySelector(
        '[data-testid="notification-bell"]',
      );
      const match = new RegExp(pattern).exec(bell?.getAttribute('aria-label') ?? '');
      return match && Number(match[1]) > above ? Number(match[1]) : false;
    },
    { pattern: bellPattern(), above },
  );
  return (await answer.jsonValue()) as number;
}

/** A partner (made by an OBEC admin, as in the admin pages) and a member of its staff. */
export async function partnerWithStaff(
  stack: WebStack,
  obec: GivenMember,
  name = 'ร้านหนังสือเพื่อครู',
): Promise<{ partnerId: string; staff: GivenMember }> {
  const partner = await request(stack.url)
    .post('/api/v1/admin/partners')
    .set(obec.auth)
    .send({ code: `books-${Date.now().toString(36)}`, nameTh: name, nameEn: 'Books for Teachers' })
    .expect(201);
  const staff = await stack.given.member({
    roles: [{ role: 'partner_staff', scopeId: partner.body.id }],
    displayName: 'คุณนิดา ร้านหนังสือ',
  });
  return { partnerId: partner.body.id, staff };
}

/**
 * A perk made by partner staff through the API and sent for approval (with its voucher codes, if any): it waits in
 * the OBEC admins' queue; `approvedBy` an OBEC admin makes it live in the catalogue.
 */
export async function submittedPerk(
  stack: WebStack,
  staff: GivenMember,
  { codes, ...fields }: Record<string, unknown> & { codes?: string[] },
  approvedBy?: GivenMember,
): Promise<string> {
  const created = await request(stack.url)
    .post('/api/v1/partner/perks')
    .set(staff.auth)
    .send({
      title: 'คูปองส่วนลดหนังสือ 100 บาท',
      description: 'ใช้เป็นส่วนลดซื้อหนังสือและสื่อการสอนที่ร้านหนังสือเพื่อครูทุกสาขา',
      category: 'voucher',
      cost: 100,
      stock: codes ? codes.length : null,
      fulfilment: codes ? 'pool_code' : 'generated_code',
      ...fields,
    })
    .expect(201);
  const id = created.body.id as string;
  if (codes)
    await request(stack.url)
      .post(`/api/v1/partner/perks/${id}/voucher-codes`)
      .set(staff.auth)
      .send({ codes })
      .expect(201);
  await request(stack.url).post(`/api/v1/partner/perks/${id}/submit`).set(staff.auth).expect(200);
  if (approvedBy)
    await request(stack.url).post(`/api/v1/admin/perks/${id}/approve`).set(approvedBy.auth).expect(200);
  return id;
}
