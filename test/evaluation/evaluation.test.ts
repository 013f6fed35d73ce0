/**
 * The held-out evaluations: whole conversations written from learner personas, never used for training, run through
 * the real dialogs with the real understanding. Twenty-eight sets, each written blind by its own author (a helper
 * session that opened neither the corpora, nor the understanding code, nor the other sets). Each was the test set
 * until its figures were taken; then its failures were read to fix the reading, and it became a development set while
 * the next ones were written. conversations-v25.json to -v28.json are the test sets now: their failures are never
 * printed. v15 and v16, the test sets of the second session, keep their failures unprinted too (one v16 conversation
 * was read, the only false "too late" seen; README, "Understanding"). Each user turn is scored from what the bot did:
 * restated a route, asked to confirm (and with which problems), answered without a route, or took the message as the
 * answer to its question. When the bot asks to confirm and the right problem is among its buttons, the simulated
 * learner clicks it, and the answer that follows is read for the last day and a false "too late".
 *
 * Issue 8's targets are: right route or honest confirmation >= 95 %, confident wrong restatement <= 1 %, false
 * "too late" = 0.
 */
/** The targets, printed beside the measured figures. */
const TARGET = { rightOrConfirmed: 0.95, confidentWrong: 0.01 };
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Lang, RouteKey } from '../../src/domain/types';
import { ROUTE_KEYS, isRouteKey } from '../../src/domain/types';
import type { Telemetry } from '../../src/telemetry';
import type { Understanding } from '../../src/domain/understanding';
import { loadUnderstanding } from '../../src/understanding';
import { t } from '../../src/i18n/messages';
import { routeTitle } from '../../dialogs/prompts/choiceSets';
import { formatDate } from '../../dialogs/say';
import { startConversation } from '../support/dialogs';

interface Expect {
  route?: RouteKey;
  noRoute?: string;
  answer?: boolean;
  also?: RouteKey[];
  lastDay?: string;
  closed?: boolean;
  replyLang?: Lang;
}

interface EvalConversation {
  id: string;
  persona: string;
  locale: string;
  now: string;
  zone?: string;
  turns: { user: string; expect: Expect }[];
}

type Outcome = 'right' | 'confirmRight' | 'wrongConfident' | 'miss';

/**
 * Each set with its floors (the levels measured on 29 Nov 2026, rounded; README, "Understanding"). v1 to v14 and v17
 * to v24 were read during development, one after another; v15, v16 and v25 to v28 were written blind and are not read:
 * quote their figures. Floors under the targets are what the understanding does today, not what it should.
 */
const SETS: { file: string; blind: boolean; floorRightOrConfirmed: number; ceilingConfidentWrong: number }[] = [
  { file: 'conversations.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.011 },
  { file: 'conversations-v2.json', blind: false, floorRightOrConfirmed: 0.975, ceilingConfidentWrong: 0.006 },
  { file: 'conversations-v3.json', blind: false, floorRightOrConfirmed: 0.975, ceilingConfidentWrong: 0.013 },
  { file: 'conversations-v4.json', blind: false, floorRightOrConfirmed: 0.97, ceilingConfidentWrong: 0.007 },
  { file: 'conversations-v5.json', blind: false, floorRightOrConfirmed: 0.98, ceilingConfidentWrong: 0.005 },
  { file: 'conversations-v6.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.009 },
  { file: 'conversations-v7.json', blind: false, floorRightOrConfirmed: 0.965, ceilingConfidentWrong: 0.008 },
  { file: 'conversations-v8.json', blind: false, floorRightOrConfirmed: 0.98, ceilingConfidentWrong: 0.002 },
  { file: 'conversations-v9.json', blind: false, floorRightOrConfirmed: 0.93, ceilingConfidentWrong: 0.026 },
  { file: 'conversations-v10.json', blind: false, floorRightOrConfirmed: 0.94, ceilingConfidentWrong: 0.011 },
  { file: 'conversations-v11.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.009 },
  { file: 'conversations-v12.json', blind: false, floorRightOrConfirmed: 0.955, ceilingConfidentWrong: 0.01 },
  { file: 'conversations-v13.json', blind: false, floorRightOrConfirmed: 0.94, ceilingConfidentWrong: 0.016 },
  { file: 'conversations-v14.json', blind: false, floorRightOrConfirmed: 0.955, ceilingConfidentWrong: 0.01 },
  { file: 'conversations-v15.json', blind: true, floorRightOrConfirmed: 0.955, ceilingConfidentWrong: 0.016 },
  { file: 'conversations-v16.json', blind: true, floorRightOrConfirmed: 0.955, ceilingConfidentWrong: 0.011 },
  { file: 'conversations-v17.json', blind: false, floorRightOrConfirmed: 0.965, ceilingConfidentWrong: 0.016 },
  { file: 'conversations-v18.json', blind: false, floorRightOrConfirmed: 0.965, ceilingConfidentWrong: 0.014 },
  { file: 'conversations-v19.json', blind: false, floorRightOrConfirmed: 0.99, ceilingConfidentWrong: 0.002 },
  { file: 'conversations-v20.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.015 },
  { file: 'conversations-v21.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.014 },
  { file: 'conversations-v22.json', blind: false, floorRightOrConfirmed: 0.97, ceilingConfidentWrong: 0.009 },
  { file: 'conversations-v23.json', blind: false, floorRightOrConfirmed: 0.96, ceilingConfidentWrong: 0.006 },
  { file: 'conversations-v24.json', blind: false, floorRightOrConfirmed: 0.945, ceilingConfidentWrong: 0.021 },
  { file: 'conversations-v25.json', blind: true, floorRightOrConfirmed: 0.975, ceilingConfidentWrong: 0.009 },
  { file: 'conversations-v26.json', blind: true, floorRightOrConfirmed: 0.975, ceilingConfidentWrong: 0.011 },
  { file: 'conversations-v27.json', blind: true, floorRightOrConfirmed: 0.965, ceilingConfidentWrong: 0.011 },
  { file: 'conversations-v28.json', blind: true, floorRightOrConfirmed: 0.97, ceilingConfidentWrong: 0.008 },
];
const load = (file: string): EvalConversation[] => (JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as { conversations: EvalConversation[] }).conversations;

const fixed = (lang: Lang, key: Parameters<typeof t>[1]): string => t(lang, key).split('{')[0];
const CLOSED = (['fr', 'en'] as const).map((lang) => fixed(lang, 'withdrawal.closed'));
const NOT_UNDERSTOOD = (['fr', 'en'] as const).map((lang) => fixed(lang, 'common.notUnderstood'));
const TITLE_TO_ROUTE = new Map<string, RouteKey>();

let understanding: Understanding;
beforeAll(async () => {
  understanding = await loadUnderstanding();
  for (const lang of ['fr', 'en'] as const) {
    for (const route of ROUTE_KEYS) {
      TITLE_TO_ROUTE.set(routeTitle(route, lang), route);
    }
  }
});

test.each(SETS)('held-out conversations ($file): no false "too late", right route or honest confirmation and confident wrong within their floors', async ({ file, blind, floorRightOrConfirmed, ceilingConfidentWrong }) => {
  const conversations = load(file);
  const counts: Record<Outcome, number> = { right: 0, confirmRight: 0, wrongConfident: 0, miss: 0 };
  const byKind: Record<string, { n: number; ok: number }> = {};
  const failures: string[] = [];
  let falseTooLate = 0;
  let lastDays = 0;
  let lastDaysRight = 0;
  let alsoAsked = 0;
  let alsoOffered = 0;
  let langAsked = 0;
  let langRight = 0;
  for (const conversation of conversations) {
    const events: [string, Record<string, string>][] = [];
    const telemetry: Telemetry = { trackEvent: (name, properties) => void events.push([name, { ...properties }]), flush: async () => undefined };
    const pageLang: Lang = conversation.locale.startsWith('en') ? 'en' : 'fr';
    const chat = startConversation(understanding, pageLang, conversation.now, { zone: conversation.zone, telemetry });
    for (const [index, { user, expect: want }] of conversation.turns.entries()) {
      events.length = 0;
      const turn = await chat.send(user);
      const reading = events.find(([name]) => name === 'reading')?.[1].kind;
      const routed = events.find(([name]) => name === 'problem')?.[1].intent;
      const candidates = turn.buttons.map((title) => TITLE_TO_ROUTE.get(title)).filter((r): r is RouteKey => r !== undefined && isRouteKey(r));
      const reasked = NOT_UNDERSTOOD.some((sentence) => turn.text.includes(sentence));
      let outcome: Outcome;
      const kind = want.route ? 'route' : want.noRoute ? 'noRoute' : 'answer';
      if (want.route) {
        if (routed === want.route) outcome = 'right';
        else if (routed) outcome = 'wrongConfident';
        else if (reading === 'confirm' && candidates.includes(want.route)) outcome = 'confirmRight';
        else outcome = 'miss';
      } else if (want.noRoute) {
        outcome = routed ? 'wrongConfident' : 'right';
      } else {
        outcome = routed ? 'wrongConfident' : reasked || reading !== undefined ? 'miss' : 'right';
      }
      counts[outcome] += 1;
      // A learner shown the right problem among the confirmation's buttons clicks it (not counted as a turn); the
      // answer that follows is read with the turn for the last day and for a false "too late".
      let seen = turn.text;
      if (outcome === 'confirmRight') {
        const button = turn.buttons.find((title) => TITLE_TO_ROUTE.get(title) === want.route);
        if (button) seen += `\n${(await chat.send(button)).text}`;
      }
      byKind[kind] ??= { n: 0, ok: 0 };
      byKind[kind].n += 1;
      if (outcome === 'right' || outcome === 'confirmRight') byKind[kind].ok += 1;
      else failures.push(`${conversation.id}#${index + 1} ${outcome} want ${JSON.stringify(want)} got ${routed ?? reading ?? (reasked ? 'reasked' : 'answer')}`);
      if (!want.closed && CLOSED.some((sentence) => seen.includes(sentence))) {
        falseTooLate += 1;
        failures.push(`${conversation.id}#${index + 1} FALSE TOO LATE`);
      }
      if (want.lastDay) {
        lastDays += 1;
        const forms = [formatDate('fr', want.lastDay), formatDate('en', want.lastDay), formatDate('en', want.lastDay, 'en-US')];
        if (forms.some((form) => seen.includes(form))) lastDaysRight += 1;
      }
      if (want.also?.length) {
        alsoAsked += 1;
        const offered = [...turn.buttons.map((title) => TITLE_TO_ROUTE.get(title))];
        if (want.also.some((route) => offered.includes(route) || turn.text.includes(routeTitle(route, 'fr')) || turn.text.includes(routeTitle(route, 'en')))) alsoOffered += 1;
      }
      if (want.replyLang) {
        langAsked += 1;
        const other: Lang = want.replyLang === 'fr' ? 'en' : 'fr';
        if (!turn.text.includes(fixed(other, 'menu.anythingElse')) && !turn.text.includes(fixed(other, 'menu.question'))) langRight += 1;
      }
    }
  }
  const turns = Object.values(counts).reduce((a, b) => a + b, 0);
  const rate = (n: number): string => `${((100 * n) / turns).toFixed(1)} %`;
  const report = [
    `${file}: ${conversations.length} conversations, ${turns} user turns`,
    `right ${rate(counts.right)}, honest confirmation ${rate(counts.confirmRight)}, miss ${rate(counts.miss)}, confident wrong ${rate(counts.wrongConfident)}`,
    ...Object.entries(byKind).map(([kind, { n, ok }]) => `  ${kind}: ${ok}/${n}`),
    `targets: right or confirmed ${TARGET.rightOrConfirmed * 100} %, confident wrong ${TARGET.confidentWrong * 100} %`,
    `false "too late": ${falseTooLate}; last day given right: ${lastDaysRight}/${lastDays}; other problems offered: ${alsoOffered}/${alsoAsked}; reply language: ${langRight}/${langAsked}`,
  ].join('\n');
  // A blind set's failures are not printed: reading them would turn it into one more set tuned by hand.
  console.log(blind ? report : `${report}\n${failures.slice(0, 200).join('\n')}`);
  expect(falseTooLate).toBe(0);
  expect((counts.right + counts.confirmRight) / turns).toBeGreaterThanOrEqual(floorRightOrConfirmed);
  expect(counts.wrongConfident / turns).toBeLessThanOrEqual(ceilingConfidentWrong);
}, 600_000);
