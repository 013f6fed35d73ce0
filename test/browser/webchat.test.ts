/**
 * The chat page in a real browser (Debian's Chromium through playwright-core) against the real app and its
 * local Direct Line: greeting, a typed problem, a suggested action by mouse and one by keyboard only, the
 * English page, axe (WCAG 2.1 A/AA), the CSP (no violation), the embedding snippet from another origin.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, Browser, BrowserContext, Frame, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { t } from '../../src/i18n/messages';
import type { Understanding } from '../../src/domain/understanding';
import { loadUnderstanding } from '../../src/understanding';

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
const ARTIFACTS = path.resolve(__dirname, '../../artifacts');
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const WAIT_MS = 20_000;

let understanding: Understanding;
let browser: Browser;
let host: http.Server | undefined;
let hostOrigin = '';
const apps: App[] = [];

async function startApp(env: Record<string, string> = {}): Promise<string> {
  const app = await createApp(loadConfig(env), createLogger('silent'), { understanding });
  apps.push(app);
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  understanding = await loadUnderstanding();
  browser = await chromium.launch(CHROMIUM);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  for (const app of apps) await new Promise<void>((resolve) => app.server.close(() => resolve()));
  if (host) await new Promise<void>((resolve) => host?.close(() => resolve()));
});

/** Web Chat's markdown turns ' into ’: compare sentences with plain apostrophes. */
const plain = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');

interface Watched {
  page: Page;
  context: BrowserContext;
  problems: string[];
}

/** A page whose console errors, page errors and CSP violations are collected. */
async function openPage(options: { locale: string; timezoneId?: string }): Promise<Watched> {
  const context = await browser.newContext({ ...options, viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.exposeFunction('reportCspViolation', (text: string) => problems.push(`CSP: ${text}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  return { page, context, problems };
}

/** Resolves once the transcript's text contains the sentence. */
async function transcriptShows(page: Page | Frame, sentence: string): Promise<void> {
  const wanted = plain(sentence);
  await page.waitForFunction(
    (text) => (document.querySelector('.webchat__basic-transcript')?.textContent ?? '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').includes(text),
    wanted,
    { timeout: WAIT_MS },
  );
}

const focusedDataId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-id'));
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement?.textContent ?? '').trim());

describe('the chat page in Chromium', () => {
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = await startApp();
  });

  test('French by default: greeting, typed problem, a button by mouse, a button by keyboard, axe, screenshot', async () => {
    const { page, context, problems } = await openPage({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    try {
      await page.goto(`${baseUrl}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.title()).toBe(t('fr', 'page.title'));
      expect(await page.locator('h1').innerText()).toBe(t('fr', 'page.title'));
      await transcriptShows(page, t('fr', 'welcome.intro'));
      expect(await page.getAttribute(SEND_BOX, 'placeholder')).toMatch(/message/i);

      // The first Tab reaches the skip link, which lands in the message box.
      await page.keyboard.press('Tab');
      expect(await focusedText(page)).toBe(t('fr', 'page.skipToChat'));
      await page.keyboard.press('Enter');
      expect(await focusedDataId(page)).toBe('webchat-sendbox-input');

      // A problem in the user's words.
      await page.keyboard.type("j'ai perdu mes identifiants");
      await page.keyboard.press('Enter');
      await transcriptShows(page, t('fr', 'lostCredentials.restate'));

      // A suggested action, clicked.
      await page.getByRole('toolbar').getByRole('button', { name: t('fr', 'choice.moreYes'), exact: true }).click();
      await transcriptShows(page, t('fr', 'menu.question'));

      // A suggested action with the keyboard only: from the message box, back to the buttons, arrows, Enter.
      expect(await focusedDataId(page)).toBe('webchat-sendbox-input');
      await page.keyboard.press('Shift+Tab');
      const target = t('fr', 'choice.refundDelay');
      for (let step = 0; step < 20 && (await focusedText(page)) !== target; step += 1) await page.keyboard.press('ArrowRight');
      expect(await focusedText(page)).toBe(target);
      await page.keyboard.press('Enter');
      await transcriptShows(page, t('fr', 'refund.askWaiting'));

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      const summary = axe.violations.map((v) => `${v.impact} ${v.id} ×${v.nodes.length}`);
      const review = axe.incomplete.map((v) => `${v.id} ×${v.nodes.length}`);
      process.stdout.write(`axe (fr): ${axe.passes.length} rules passed, violations ${JSON.stringify(summary)}, to review by hand ${JSON.stringify(review)}\n`);
      expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);

      await page.screenshot({ path: path.join(ARTIFACTS, 'webchat.png') });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('English when the browser prefers English', async () => {
    const { page, context, problems } = await openPage({ locale: 'en-GB' });
    try {
      await page.goto(`${baseUrl}/`);
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.title()).toBe(t('en', 'page.title'));
      await transcriptShows(page, t('en', 'welcome.intro'));
      expect(await page.getAttribute(SEND_BOX, 'placeholder')).toMatch(/type your message/i);
      // The switch link offers French, marked as French.
      const other = page.locator('#other-language');
      expect(await other.getAttribute('lang')).toBe('fr');
      expect(await other.getAttribute('href')).toContain('lang=fr');

      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      process.stdout.write(`axe (en): ${axe.passes.length} passed, ${axe.violations.length} violated, ${axe.incomplete.length} to review\n`);
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('headers: CSP and friends on the page, long caching and compression for Web Chat', async () => {
    const page = await fetch(`${baseUrl}/`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1">/);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)[a-z]/i);

    const vendor = await fetch(`${baseUrl}/vendor/webchat.js?v=1`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('cache-control')).toContain('max-age=31536000');
    expect(vendor.headers.get('content-type')).toContain('javascript');
    const etag = vendor.headers.get('etag') ?? '';
    await vendor.arrayBuffer();
    const again = await fetch(`${baseUrl}/vendor/webchat.js?v=1`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });
});

describe('embedding', () => {
  test('the /embed.js snippet shows the chat in an iframe on another site listed in EMBED_ORIGINS', async () => {
    host = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(hostPage);
    });
    let hostPage = '';
    await new Promise<void>((resolve) => host?.listen(0, '127.0.0.1', () => resolve()));
    // localhost and 127.0.0.1 are different origins: the host site is cross-origin to the chat server.
    hostOrigin = `http://localhost:${(host.address() as AddressInfo).port}`;
    const chatUrl = await startApp({ EMBED_ORIGINS: hostOrigin });
    hostPage = `<!doctype html><html lang="en"><head><title>Host</title></head><body><main><h1>Host site</h1><div id="chat-box"></div></main>
<script src="${chatUrl}/embed.js" data-target="chat-box" data-lang="en" defer></script></body></html>`;

    const { page, context, problems } = await openPage({ locale: 'en-US' });
    try {
      await page.goto(`${hostOrigin}/`);
      const iframe = page.locator('#chat-box iframe');
      expect(await iframe.getAttribute('title')).toBe(t('en', 'page.title'));
      const frame = await (await iframe.elementHandle())?.contentFrame();
      if (!frame) throw new Error('no chat frame');
      await transcriptShows(frame, t('en', 'welcome.intro'));
      expect(await frame.getAttribute('html', 'lang')).toBe('en');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
