/**
 * The letter link in Web Chat (real Chromium, real app, local Direct Line): after a withdrawal answer, the
 * documents card's "Lettre de rétractation (PDF)" button opens the document route, which serves a PDF.
 */
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { chromium, Browser, Request } from 'playwright-core';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { t } from '../../src/i18n/messages';
import { loadUnderstanding } from '../../src/understanding';

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
const WAIT_MS = 20_000;

let browser: Browser;
let app: App;
let baseUrl = '';

/** A free loopback port, so that the links the bot gives (PUBLIC_BASE_URL) point at this very server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  const understanding = await loadUnderstanding();
  app = await createApp(loadConfig({ PORT: String(port), PUBLIC_BASE_URL: baseUrl }), createLogger('silent'), { understanding });
  await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', () => resolve()));
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  if (app) await new Promise<void>((resolve) => app.server.close(() => resolve()));
});

test('the letter link in Web Chat gives the PDF of the withdrawal letter', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    await page.waitForFunction((text) => (document.querySelector('.webchat__basic-transcript')?.textContent ?? '').includes(text), t('fr', 'welcome.menu'), { timeout: WAIT_MS });
    await page.locator('[data-id="webchat-sendbox-input"]').fill("je veux me rétracter, je me suis inscrit et j'ai payé hier");
    await page.keyboard.press('Enter');
    // The Adaptive Card's own button (Web Chat also renders a hidden copy for screen readers).
    const button = page.locator('button.ac-pushButton', { hasText: t('fr', 'letters.withdrawal.title') });
    await button.waitFor({ timeout: WAIT_MS });
    const opened = context.waitForEvent('request', { predicate: (request: Request) => request.url().startsWith(`${baseUrl}/documents/`), timeout: WAIT_MS });
    await button.click();
    const url = (await opened).url();
    const response = await context.request.get(url);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    expect((await response.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Nothing the learner typed is in the link in clear.
    expect(decodeURIComponent(url)).not.toMatch(/rétract|hier/i);
  } finally {
    await context.close();
  }
}, 90_000);
