/**
 * Chooses the reading policy (src/understanding/reading.ts: when a problem is restated without asking) on the
 * DEVELOPMENT evaluation set, test/evaluation/conversations.json, never on the blind set (conversations-v2.json),
 * which is kept for the reported figures. Every message of the set that names a problem or names none is read alone
 * (as the first message of a conversation), under each policy of a grid; the table gives, per policy, how many are
 * restated right, confirmed with the right problem among the buttons, missed, or restated wrong.
 * `npm run tune:reading`; the policy kept is the one with the fewest confirmations among those under the ceiling of
 * confident wrong answers (README, "Understanding").
 */
import { readFileSync } from 'fs';
import path from 'path';
import { Lang, RouteKey, isRouteKey } from '../src/domain/types';
import { findProjectRoot } from '../src/shared';
import { loadClassifier } from '../src/understanding/modelFile';
import { READING_POLICY, ReadingPolicy, readMessage } from '../src/understanding/reading';
import { detectLanguage } from '../src/understanding/language';

const DEV_SET = path.join(findProjectRoot(), 'test', 'evaluation', 'conversations.json');
/** The share of confident wrong answers a kept policy may give on the development set (the target is 1 % of all turns). */
const CEILING = 0.005;

interface Case {
  text: string;
  lang: Lang;
  want: RouteKey | 'none';
}

function readCases(): Case[] {
  const raw: unknown = JSON.parse(readFileSync(DEV_SET, 'utf8'));
  const conversations = (raw as { conversations: { locale: string; turns: { user: string; expect: { route?: string; noRoute?: string } }[] }[] }).conversations;
  const cases: Case[] = [];
  for (const { locale, turns } of conversations) {
    const page: Lang = locale.startsWith('en') ? 'en' : 'fr';
    for (const { user, expect } of turns) {
      const want = expect.route !== undefined && isRouteKey(expect.route) ? expect.route : expect.noRoute !== undefined ? 'none' : undefined;
      if (want !== undefined) cases.push({ text: user, lang: detectLanguage(user) ?? page, want });
    }
  }
  return cases;
}

async function main(): Promise<void> {
  const { classifier } = await loadClassifier(path.join(findProjectRoot(), 'dist', 'models'));
  const cases = readCases();
  const rows: { policy: ReadingPolicy; right: number; confirm: number; miss: number; wrong: number }[] = [];
  for (const sureScore of [0.5, 0.6, 0.7, 0.8, 0.9]) {
    for (const support of [0, 0.3, 0.4, 0.5, 0.6, 0.7]) {
      for (const margin of [0, 0.2, 0.3, 0.4, 0.5, 0.6]) {
        const policy = { sureScore, support, margin };
        const row = { policy, right: 0, confirm: 0, miss: 0, wrong: 0 };
        for (const { text, lang, want } of cases) {
          const reading = readMessage(classifier, text, lang, policy);
          if (reading.kind === 'problem' && reading.sure) {
            if (reading.route === want) row.right += 1;
            else row.wrong += 1;
          } else if (want === 'none') {
            row.right += 1;
          } else if (reading.kind === 'problem' && reading.candidates.includes(want)) {
            row.confirm += 1;
          } else {
            row.miss += 1;
          }
        }
        rows.push(row);
      }
    }
  }
  const pct = (n: number): string => `${((100 * n) / cases.length).toFixed(1)} %`.padStart(7);
  console.log(`${cases.length} messages of the development set (${DEV_SET})`);
  console.log('sure  support margin |  right confirm   miss  wrong');
  const current = JSON.stringify(READING_POLICY);
  for (const { policy, right, confirm, miss, wrong } of rows) {
    const mark = JSON.stringify(policy) === current ? '  <- current' : '';
    console.log(`${policy.sureScore.toFixed(2)}  ${policy.support.toFixed(2)}    ${policy.margin.toFixed(2)}  |${pct(right)}${pct(confirm)}${pct(miss)}${pct(wrong)}${mark}`);
  }
  const kept = rows.filter((r) => r.wrong / cases.length <= CEILING).sort((a, b) => b.right - a.right || a.wrong - b.wrong)[0];
  console.log(kept ? `kept (fewest confirmations with confident wrong <= ${CEILING * 100} %): ${JSON.stringify(kept.policy)}` : `no policy under ${CEILING * 100} % confident wrong`);
  // A wrong restatement costs the learner more than a click: weighed 5 to 1 against a confirmation, 5 to 2 against a miss.
  const cost = (r: (typeof rows)[number]): number => 5 * r.wrong + r.confirm + 2 * r.miss;
  const cheapest = [...rows].sort((a, b) => cost(a) - cost(b))[0];
  if (cheapest) console.log(`lowest cost (wrong x5, confirmation x1, miss x2): ${JSON.stringify(cheapest.policy)}, cost ${cost(cheapest)} against ${cost(rows.find((r) => JSON.stringify(r.policy) === current) ?? cheapest)} now`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
