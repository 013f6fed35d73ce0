/**
 * 500 hostile messages (seeded, so a failure reproduces: FUZZ_SEED=<n> npx jest test/hostile/fuzz) over
 * 25 conversations driven side by side, each conversation one message at a time. Every message must get at
 * least one reply and no 5xx. The rate limit is raised so that only the messages are under test.
 */
import type { Activity } from 'botbuilder';
import { startApp, Running } from './harness';
import { seededRandom } from '../../src/shared';

const SEED = Number(process.env.FUZZ_SEED ?? 20251120);
const MESSAGES = 500;
const CONVERSATIONS = 25;


const FRAGMENTS: readonly string[] = [
  // plausible
  'je veux me rétracter', 'le 20 novembre', 'menu', 'aide', 'remboursement', "je n'ai pas reçu mes codes", 'annuler',
  'supprimer mes données', 'oui', 'non', 'I want a refund', 'help', '31/02/2025', '99/99/9999', 'hier', 'il y a 3 mois',
  // emoji, ZWJ sequences, flags, skin tones
  '😀', '👩‍👩‍👧‍👦', '🇫🇷', '👍🏽', '🏳️‍🌈', '\u{1F9D1}\u200D\u{1F4BB}',
  // control characters and odd whitespace
  '\u0000', '\u0007', '\b', '\u001b[31m', '\r\n', '\t', '\u007f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff', '\u200b',
  // bidi
  '\u200f', '\u202e', '\u2066', '\u2069', 'שלום', 'مرحبا',
  // lone surrogates
  '\ud800', '\udfff', 'a\ud83d', '\ude00b',
  // markup
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '&lt;b&gt;', '</at>', '<at>Bot</at>', '[lien](javascript:alert(1))', '**gras**',
  // template syntax
  '{{x}}', '${x}', '{max}', '{name}', '<%= x %>', '#{x}', '{{constructor.constructor("return 1")()}}', '%s%s%s%n', '$&', '$1',
  // SQL and shell
  "'; DROP TABLE users; --", '1 OR 1=1', '" OR ""="', '$(reboot)', '`id`',
  // prototype names
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf',
  // regex-hostile
  '((((((((((', '\\', '.*', 'a'.repeat(40) + '!', '[[[', '(?:', '\\u0000',
  // numbers
  '1e308', '-0', 'NaN', 'Infinity', '0x1F', '٣', '１２３',
  // combining marks and normalization
  'e\u0301', 'Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357\u0358\u0359\u035a', 'ﬁ', 'Å', 'ǅ', 'İ',
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function hostileText(random: () => number): string {
  const roll = random();
  if (roll < 0.05) return '';
  if (roll < 0.1) return ' \t\r\n ';
  if (roll < 0.15) return 'x'.repeat(1 + Math.floor(random() * 20_000)); // very long words, both sides of 5,000
  if (roll < 0.18) return 'é'.repeat(4999 + Math.floor(random() * 3));
  if (roll < 0.22) return 'e' + '\u0301'.repeat(2000); // zalgo
  if (roll < 0.25) return String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(random() * 0x10000)));
  const parts: string[] = [];
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i += 1) parts.push(pick(random, FRAGMENTS));
  return parts.join(pick(random, [' ', '', '\n', ' — ']));
}

/** Some messages also carry card submits, channel data or mentions in odd shapes. */
function hostileExtras(random: () => number, text: string): Partial<Activity> {
  const roll = random();
  if (roll < 0.05) return { value: pick(random, [{ choice: '__proto__' }, 'string', [1, 2], { route: { toString: 1 } }, null, 42]) };
  if (roll < 0.08) return { channelId: 'facebook', channelData: pick(random, [{ message: { quick_reply: { payload: text } } }, { postback: 7 }, 'x', null]) };
  if (roll < 0.11) {
    return {
      channelId: 'msteams',
      entities: [{ type: 'mention', mentioned: { id: 'bot', name: 'Bot' }, text: pick(random, ['<at>Bot</at>', '<at>(((</at>', '', '.*']) }],
    };
  }
  if (roll < 0.14) return { locale: pick(random, ['xx', '', 'en', 'EN-us', 'fr-CA', 'zh-Hans-CN', '__proto__', 'a'.repeat(200)]) };
  if (roll < 0.16) return { localTimezone: pick(random, ['Not/AZone', 'Europe/Paris', 'America/Cayenne', '']) };
  if (roll < 0.18) return { timestamp: pick(random, ['not a date', '9999-12-31T23:59:59Z', '1970-01-01T00:00:00Z', '']) } as unknown as Partial<Activity>;
  return {};
}

let run: Running;

beforeAll(async () => {
  run = await startApp({ env: { RATE_LIMIT_MESSAGES: '1000' } });
});

afterAll(async () => {
  await run.close();
});

test(`${MESSAGES} hostile messages (seed ${SEED}) are each answered, none with a 5xx`, async () => {
  const random = seededRandom(SEED);
  const plan = Array.from({ length: MESSAGES }, (_, index) => {
    const text = hostileText(random);
    return { index, conversationId: `fuzz-${SEED}-${index % CONVERSATIONS}`, text, extras: hostileExtras(random, text) };
  });
  const failures: string[] = [];
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, lane) => {
      for (const { index, conversationId, text, extras } of plan.filter((item) => item.index % CONVERSATIONS === lane)) {
        const before = run.connector.repliesFor(conversationId).length;
        const response = await run.send(conversationId, { text, ...extras });
        const replies = run.connector.repliesFor(conversationId).length - before;
        if (response.status >= 500 || response.status !== 200 || replies < 1) {
          failures.push(`#${index} status ${response.status}, ${replies} replies, text ${JSON.stringify(text.slice(0, 80))} (${text.length} chars), extras ${JSON.stringify(extras).slice(0, 120)}`);
        }
      }
    }),
  );
  expect(failures).toEqual([]);
}, 120_000);
