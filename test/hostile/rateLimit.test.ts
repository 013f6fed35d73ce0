/** The per-conversation rate limit: the limiter's rules with a fake clock, then the real app over HTTP. */
import { ConversationRateLimiter } from '../../src/bot/rateLimit';
import { t } from '../../src/i18n/messages';
import { replyText } from '../support/channel';
import { startApp, Running } from './harness';

describe('ConversationRateLimiter', () => {
  const limiter = (messages: number, windowMs: number, maxConversations?: number) => {
    let now = 1_000_000;
    const instance = new ConversationRateLimiter({ messages, windowMs, maxConversations, clock: () => now });
    return { instance, advance: (ms: number) => (now += ms) };
  };

  test('allows `messages` per sliding window, warns once, then drops until one is accepted again', () => {
    const { instance, advance } = limiter(3, 1000);
    expect(['a', 'a', 'a'].map((key) => instance.check(key))).toEqual(['allow', 'allow', 'allow']);
    expect(instance.check('a')).toBe('warn');
    expect(instance.check('a')).toBe('drop');
    advance(999);
    expect(instance.check('a')).toBe('drop');
    advance(1);
    // A whole window later all three have left it: three more, then a new (single) warning.
    expect(['a', 'a', 'a', 'a', 'a'].map((key) => instance.check(key))).toEqual(['allow', 'allow', 'allow', 'warn', 'drop']);
  });

  test('the window slides: a steady pace under the limit is never refused', () => {
    const { instance, advance } = limiter(2, 1000);
    for (let i = 0; i < 50; i += 1) {
      expect(instance.check('steady')).toBe('allow');
      advance(500);
    }
  });

  test('conversations are counted apart', () => {
    const { instance } = limiter(1, 1000);
    expect(instance.check('a')).toBe('allow');
    expect(instance.check('b')).toBe('allow');
    expect(instance.check('a')).toBe('warn');
  });

  test('an activity that cannot carry the warning is dropped without using it up', () => {
    const { instance } = limiter(1, 1000);
    instance.check('a');
    expect(instance.check('a', false)).toBe('drop');
    expect(instance.check('a', true)).toBe('warn');
  });

  test('memory is bounded: idle conversations are evicted, and never more than maxConversations are kept', () => {
    const { instance, advance } = limiter(5, 1000, 100);
    for (let i = 0; i < 1000; i += 1) instance.check(`c${i}`);
    expect(instance.size).toBe(100);
    advance(1000);
    instance.check('fresh');
    expect(instance.size).toBe(1);
  });
});

describe('over HTTP', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp({ env: { RATE_LIMIT_MESSAGES: '5', RATE_LIMIT_WINDOW_MS: '60000' } });
  });
  afterAll(async () => run.close());

  test('over the limit: answered politely once, then dropped silently with 200', async () => {
    const id = 'rate-limited';
    const counts: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const before = run.connector.repliesFor(id).length;
      const response = await run.send(id, { text: i % 2 ? 'menu' : 'bonjour' });
      expect(response.status).toBe(200);
      counts.push(run.connector.repliesFor(id).length - before);
    }
    // Five answered normally, the sixth gets the notice alone, the rest nothing.
    expect(counts.slice(0, 5).every((count) => count >= 1)).toBe(true);
    expect(counts.slice(5)).toEqual([1, 0, 0, 0]);
    const notices = run.connector.repliesFor(id).map(replyText).filter((text) => text === t('fr', 'common.rateLimited'));
    expect(notices).toHaveLength(1);
  });

  test('the notice is in the language of the message', async () => {
    const id = 'rate-limited-en';
    for (let i = 0; i < 6; i += 1) await run.send(id, { text: 'hello', locale: 'en-US' });
    expect(run.connector.repliesFor(id).map(replyText).at(-1)).toBe(t('en', 'common.rateLimited'));
  });

  test('other conversations are not affected', async () => {
    const id = 'rate-neighbour';
    const response = await run.send(id, { text: 'bonjour' });
    expect(response.status).toBe(200);
    expect(run.connector.repliesFor(id).map(replyText)).not.toContain(t('fr', 'common.rateLimited'));
  });

  test('an invoke over the limit gets the invoke response 429', async () => {
    const id = 'rate-invoke';
    for (let i = 0; i < 5; i += 1) await run.send(id, { text: 'bonjour' });
    const response = await run.send(id, { type: 'invoke', name: 'unknown/invoke', text: undefined });
    expect(response.status).toBe(429);
  });
});
