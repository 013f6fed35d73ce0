/**
 * The chat page keeps its conversation across a reload and a network drop (real Chromium, real app, local Direct
 * Line): the transcript comes back after a reload and the dialog goes on at its step; a message typed offline is
 * sent once the network is back, once; the status line (role="status") says what is happening; "New conversation"
 * starts over; an expired conversation is replaced with a short explanation; axe stays clean.
 */
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { t } from '../../src/i18n/messages';
import type { Lang } from '../../src/domain/types';
import { withdrawalStatus } from '../../src/rules/withdrawal';
import { addDays, parisIsoDate } from '../../src/rules/calendar';
import { formatDate } from '../../dialogs/say';
import { loadUnderstanding } from '../../src/understanding';

const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};
const SEND_BOX = '[data-id="webchat-sendbox-input"]';
const WAIT_MS = 20_000;
const SAVED_KEY = 'cned-guide.conversation';

let browser: Browser;
let app: App;
let baseUrl = '';

beforeAll(async () => {
  const understanding = await loadUnderstanding();
  app = await createApp(loadConfig({}), createLogger('silent'), { understanding });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch(CHROMIUM);
});

afterAll(async () => {
  await browser?.close();
  if (app) await new Promise<void>((resolve) => app.server.close(() => resolve()));
});

const normalize = (text: string) => text.replace(/[’‘]/g, "'").replace(/\s+/g, ' ');

async function transcriptShows(page: Page, sentence: string): Promise<void> {
  await page.waitForFunction(
    (text) => (document.querySelector('.webchat__basic-transcript')?.textContent ?? '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').includes(text),
    normalize(sentence),
    { timeout: WAIT_MS },
  );
}

async function statusShows(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => document.getElementById('status')?.textContent === wanted, text, { timeout: WAIT_MS });
}

/** How many bubbles of the transcript show the text (the transcript's text also holds screen-reader copies). */
const bubblesWith = (page: Page, text: string) =>
  page.evaluate(
    (wanted) =>
      Array.from(document.querySelectorAll('.webchat__basic-transcript .webchat__bubble__content')).filter((bubble) =>
        (bubble.textContent ?? '').replace(/[’‘]/g, "'").replace(/\s+/g, ' ').includes(wanted),
      ).length,
    normalize(text),
  );

interface SeenActivity {
  type?: string;
  text?: string;
  timestamp?: string;
  from?: { role?: string };
}

/** A page whose Direct Line stream frames are collected (to read the server's timestamp of a message). */
async function openPage(lang: Lang): Promise<{ page: Page; context: BrowserContext; seen: SeenActivity[] }> {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', timezoneId: 'Europe/Paris', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const seen: SeenActivity[] = [];
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload) return;
      const set = JSON.parse(payload) as { activities?: SeenActivity[] };
      seen.push(...(set.activities ?? []));
    }),
  );
  return { page, context, seen };
}

async function send(page: Page, text: string): Promise<void> {
  await page.locator(SEND_BOX).fill(text);
  await page.keyboard.press('Enter');
}

async function axeSerious(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

describe('continuity of the chat page in Chromium', () => {
  test('French: a reload in the middle of the withdrawal dialog brings the transcript back and the dialog goes on', async () => {
    const { page, context, seen } = await openPage('fr');
    try {
      await page.goto(`${baseUrl}/`);
      await transcriptShows(page, t('fr', 'welcome.intro'));
      await send(page, 'je veux me rétracter');
      await transcriptShows(page, t('fr', 'withdrawal.askDate'));
      const saved = await page.evaluate((key) => window.sessionStorage.getItem(key), SAVED_KEY);
      // The id and the token only, never what was said.
      expect(Object.keys(JSON.parse(saved ?? '{}')).sort()).toEqual(['conversationId', 'token']);
      expect(saved).not.toContain('rétracter');

      await page.reload();
      await transcriptShows(page, t('fr', 'withdrawal.askDate'));
      expect(await bubblesWith(page, t('fr', 'welcome.intro'))).toBe(1);
      expect(await bubblesWith(page, 'je veux me rétracter')).toBe(1);
      expect(await page.textContent('#status')).toBe('');

      await send(page, 'hier');
      const hier = await waitFor(() => seen.find((activity) => activity.from?.role === 'user' && activity.text === 'hier'));
      const now = DateTime.fromISO(hier.timestamp ?? '', { zone: 'Europe/Paris' });
      const status = withdrawalStatus({ registeredOn: addDays(parisIsoDate(now), -1) }, now);
      await transcriptShows(page, t('fr', 'withdrawal.openTitle', { lastDay: formatDate('fr', status.lastDay) }));
      expect(await axeSerious(page)).toEqual([]);

      // "Nouvelle conversation" starts over on purpose: a new conversation, a new welcome, nothing of the old one.
      const before = JSON.parse((await page.evaluate((key) => window.sessionStorage.getItem(key), SAVED_KEY)) ?? '{}') as { conversationId?: string };
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: t('fr', 'page.newConversation') }).click()]);
      await transcriptShows(page, t('fr', 'welcome.intro'));
      expect(await bubblesWith(page, 'je veux me rétracter')).toBe(0);
      const after = JSON.parse((await page.evaluate((key) => window.sessionStorage.getItem(key), SAVED_KEY)) ?? '{}') as { conversationId?: string };
      expect(after.conversationId).toBeDefined();
      expect(after.conversationId).not.toBe(before.conversationId);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('English: offline for 10 s, the message typed meanwhile is sent once when the network is back; status announced', async () => {
    const { page, context } = await openPage('en');
    try {
      await page.goto(`${baseUrl}/?lang=en`);
      await transcriptShows(page, t('en', 'welcome.intro'));
      expect(await page.getAttribute('#status', 'role')).toBe('status');
      expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');

      await context.setOffline(true);
      await statusShows(page, t('en', 'page.offline'));
      const typed = 'I lost my password';
      await send(page, typed);
      await page.waitForTimeout(10_000);
      expect(await bubblesWith(page, t('en', 'lostCredentials.restate'))).toBe(0);

      await context.setOffline(false);
      await statusShows(page, t('en', 'page.online'));
      await transcriptShows(page, t('en', 'lostCredentials.restate'));
      // Give a duplicate every chance to show up before counting.
      await page.waitForTimeout(1_500);
      expect(await bubblesWith(page, typed)).toBe(1);
      expect(await bubblesWith(page, t('en', 'lostCredentials.restate'))).toBe(1);
      expect(await axeSerious(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('French: a send whose answer is lost on the way is not handled twice', async () => {
    const { page, context } = await openPage('fr');
    try {
      await page.goto(`${baseUrl}/`);
      await transcriptShows(page, t('fr', 'welcome.intro'));
      let dropped = 0;
      let posts = 0;
      await page.route('**/v3/directline/conversations/*/activities', async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        posts += 1;
        if (dropped > 0) return route.continue();
        dropped += 1;
        // The server gets the message and answers; the browser sees the connection reset.
        await route.fetch();
        return route.abort('connectionreset');
      });
      const typed = "j'ai perdu mes identifiants";
      await send(page, typed);
      await transcriptShows(page, t('fr', 'lostCredentials.restate'));
      // Past the page's retry delay (2 s): a retry, if any, has happened.
      await page.waitForTimeout(3_000);
      expect(dropped).toBe(1);
      expect(posts).toBeGreaterThanOrEqual(1);
      expect(await bubblesWith(page, typed)).toBe(1);
      expect(await bubblesWith(page, t('fr', 'lostCredentials.restate'))).toBe(1);
    } finally {
      await context.close();
    }
  }, 30_000);

  test('an expired conversation is replaced by a new one, with a short explanation, not an error', async () => {
    const { page, context } = await openPage('en');
    try {
      await page.addInitScript(
        ([key]) => {
          if (!window.sessionStorage.getItem(key)) window.sessionStorage.setItem(key, JSON.stringify({ conversationId: 'gone', token: 'expired-token' }));
        },
        [SAVED_KEY],
      );
      await page.goto(`${baseUrl}/?lang=en`);
      await transcriptShows(page, t('en', 'welcome.intro'));
      await statusShows(page, t('en', 'page.resumeExpired'));
      expect(await page.getAttribute('#status', 'role')).toBe('status');
      const saved = JSON.parse((await page.evaluate((key) => window.sessionStorage.getItem(key), SAVED_KEY)) ?? '{}') as { conversationId?: string };
      expect(saved.conversationId).not.toBe('gone');
    } finally {
      await context.close();
    }
  }, 30_000);
});

async function waitFor<T>(probe: () => T | undefined, timeoutMs = WAIT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
