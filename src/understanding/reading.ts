/**
 * One reading of a message as a new request: a problem (with how sure we are, the candidates when we are not, and
 * the other problems the same message mentions), something that is no CNED problem (a greeting, thanks, anger,
 * a question for someone else), or unclear. The thresholds come from the held-out comparison in
 * scripts/compareClassifiers.ts (README, "Understanding").
 */
import { NON_PROBLEM_INTENTS, NonProblemIntent, RouteKey, isRouteKey } from '../domain/types';
import type { Lang } from '../domain/types';
import type { MessageReading } from '../domain/understanding';
import type { IntentClassifier, Opinions } from './classifier';
import { normalizeText } from './normalize';

/**
 * When a problem is restated without asking: the ensemble's score, the lowest score either model gives that problem,
 * and the lead over the second problem must all reach these, and both models must name it. Chosen on the first
 * evaluation set (the development set) with scripts/tuneReading.ts; figures in the README, "Understanding".
 */
export interface ReadingPolicy {
  sureScore: number;
  support: number;
  margin: number;
}
export const READING_POLICY: Readonly<ReadingPolicy> = { sureScore: 0.6, support: 0, margin: 0 };
/** Candidates offered in a confirmation must score at least this. */
export const CANDIDATE_SCORE = 0.08;
/** A greeting, thanks, anger or an out-of-scope message is taken as such at or above this score. */
export const NON_PROBLEM_SCORE = 0.45;
const MAX_CANDIDATES = 3;
const MAX_OTHERS = 2;
/** A part of a message needs this many words to name a problem of its own. */
const MIN_SEGMENT_WORDS = 3;


const NON_PROBLEMS: ReadonlySet<string> = new Set(NON_PROBLEM_INTENTS);
function isNonProblem(intent: string): intent is NonProblemIntent {
  return NON_PROBLEMS.has(intent);
}

/** Sentences, and the parts joined by "et aussi", "also", "par ailleurs"... */
const SEGMENT_BOUNDS =
  /[.!?;\n]+|,?\s+(?:et aussi|et puis|aussi|egalement|par ailleurs|de plus|en plus|autre chose|autre probleme|et en plus|ensuite|and also|also|another thing|besides|on top of that)\s+/g;

function segments(text: string): string[] {
  return normalizeText(text.slice(0, 1200))
    .split(SEGMENT_BOUNDS)
    .map((part) => part.trim())
    .filter((part) => part.split(' ').length >= MIN_SEGMENT_WORDS);
}

/** Sure: high scores from the ensemble and from each model, a clear lead, and both models naming it (a second opinion). */
function isSure({ ranking, agree, support }: Opinions, policy: Readonly<ReadingPolicy>): boolean {
  const [best, second] = ranking;
  return best !== undefined && agree && best.score >= policy.sureScore && support >= policy.support && best.score - (second?.score ?? 0) >= policy.margin;
}

export function readMessage(classifier: IntentClassifier, text: string, lang: Lang, policy: Readonly<ReadingPolicy> = READING_POLICY): MessageReading {
  const whole = classifier.opinions(text, lang);
  const ranking = whole.ranking;
  const best = ranking[0];
  const candidates = ranking
    .filter((r): r is { intent: RouteKey; score: number } => isRouteKey(r.intent) && r.score >= CANDIDATE_SCORE)
    .slice(0, MAX_CANDIDATES)
    .map((r) => r.intent);

  // Problems named by parts of the message, in order (only when there are several parts).
  const parts = segments(text);
  const partRoutes: RouteKey[] = [];
  if (parts.length > 1) {
    for (const part of parts.slice(0, 8)) {
      const opinions = classifier.opinions(part, lang);
      const top = opinions.ranking[0];
      if (top && isRouteKey(top.intent) && isSure(opinions, policy) && !partRoutes.includes(top.intent)) partRoutes.push(top.intent);
    }
  }

  // Several problems, each named clearly by its own part: the first one told is answered, the others offered after.
  const wholeRoute = best && isRouteKey(best.intent) && isSure(whole, policy) ? best.intent : undefined;
  if (partRoutes.length > 1 || (partRoutes.length === 1 && wholeRoute === undefined)) {
    const [first, ...rest] = partRoutes;
    const others = [...rest, ...(wholeRoute && !partRoutes.includes(wholeRoute) ? [wholeRoute] : [])];
    return { kind: 'problem', route: first, sure: true, candidates, others: others.slice(0, MAX_OTHERS) };
  }
  if (wholeRoute) {
    return { kind: 'problem', route: wholeRoute, sure: true, candidates, others: partRoutes.filter((r) => r !== wholeRoute).slice(0, MAX_OTHERS) };
  }
  // No CNED problem only when both models say so: "bonjour, mon fils n'a pas ses devoirs corrigés" is a problem.
  if (best && isNonProblem(best.intent) && best.score >= NON_PROBLEM_SCORE && whole.agree) return { kind: 'nonProblem', intent: best.intent };
  if (best && isNonProblem(best.intent) && candidates.length > 0) {
    return { kind: 'problem', route: candidates[0], sure: false, candidates, others: [] };
  }
  if (best && isRouteKey(best.intent)) {
    return { kind: 'problem', route: best.intent, sure: false, candidates: candidates.length > 0 ? candidates : [best.intent], others: [] };
  }
  return { kind: 'unclear', candidates };
}
