/**
 * One reading of a message as a new request: a problem (with how sure we are, the candidates when we are not, and
 * the other problems the same message mentions), something that is no CNED problem (a greeting, thanks, anger,
 * a question for someone else), or unclear: the whole message, its clauses, and the words each problem needs
 * (anchors.ts). The thresholds come from the held-out comparison in scripts/compareClassifiers.ts and the evaluation
 * sets (README, "Understanding").
 */
import { NON_PROBLEM_INTENTS, NonProblemIntent, RouteKey, isRouteKey } from '../domain/types';
import type { Lang } from '../domain/types';
import type { MessageReading } from '../domain/understanding';
import type { IntentClassifier, Opinions } from './classifier';
import { normalizeText } from './normalize';
import { contextRivalsOf, hasAnchor, namedByOwnWords, rivalsOf, saysUnanswered } from './anchors';

/**
 * When a problem is restated without asking: the ensemble's score, the lowest score either model gives that problem,
 * and the lead over the second problem must all reach these, and both models must name it. First chosen on the first
 * evaluation set with scripts/tuneReading.ts (0.6); raised to 0.7 on the twenty-two development sets of the third
 * session (11,225 turns: 18 confident wrong answers fewer for 136 more confirmations; 0.8 would give 17 fewer again
 * for 291 more). Figures in the README, "Understanding".
 */
export interface ReadingPolicy {
  sureScore: number;
  support: number;
  margin: number;
}
export const READING_POLICY: Readonly<ReadingPolicy> = { sureScore: 0.7, support: 0, margin: 0 };
/** Candidates offered in a confirmation must score at least this. */
export const CANDIDATE_SCORE = 0.08;
/**
 * A problem after the first that still scores this and whose family word the message holds makes a sure reading a
 * question ("je voulais payer en 5 fois mais vous avez prélevé la totalité": a payment plan, or a debit not owed?).
 * Chosen on the development sets (README, "Understanding"): at 0.15, 10 confident wrong answers fewer in 5,104 turns
 * for 66 more questions; at 0.1, 3 fewer again for 74 more questions.
 */
const RUNNER_UP_SCORE = 0.15;
/** A greeting, thanks, anger or an out-of-scope message is taken as such at or above this score. */
export const NON_PROBLEM_SCORE = 0.45;
const MAX_CANDIDATES = 3;
/** Problems whose answer goes on to the escalation when CNED is silent. */
const LEADS_TO_ESCALATION: ReadonlySet<RouteKey> = new Set(['noAnswer', 'refundDelay', 'withdrawal', 'contactMediator']);
const MAX_OTHERS = 2;
/** A part of a message needs this many words to name a problem of its own. */
const MIN_SEGMENT_WORDS = 3;

/** What a reading needs of the classifier: its opinions of a text (a fixed table in tests). */
export type Opinionated = Pick<IntentClassifier, 'opinions'>;

const NON_PROBLEMS: ReadonlySet<string> = new Set(NON_PROBLEM_INTENTS);
function isNonProblem(intent: string): intent is NonProblemIntent {
  return NON_PROBLEMS.has(intent);
}

/** Sentences, and the parts joined by "et aussi", "also", "par ailleurs"... */
const SEGMENT_BOUNDS =
  /[.!?;\n]+|,?\s+(?:et aussi|et puis|aussi|egalement|par ailleurs|de plus|en plus|autre chose|autre probleme|et en plus|ensuite|and also|also|another thing|besides|on top of that)\s+/g;

/**
 * A clause names a problem of its own only when each model gives it at least this: a clause of context
 * ("I paid on Saturday 28 November", "j'avais pourtant changé mon adresse") is read surely, but with less support.
 */
const CLAUSE_SUPPORT = 0.6;
/**
 * A clause told before the one that says the whole message's problem, that leans to another problem this much and
 * holds its family word ("stage pas validé par le cned et la plateforme bug"), makes the reading a question: the
 * learner may be asking about that one first.
 */
const LEAN_SCORE = 0.3;
/**
 * Clauses (or parts of them after a comma) that are the context of the problem told after them, not a problem of
 * their own: a step the learner took ("je me suis rétracté", "I paid on 28 November", "j'ai fait un recours"),
 * something they have or that works ("I have my access codes", "mes identifiants marchent"), a dated payment or
 * registration ("le prélèvement n'est passé que le 2 octobre").
 */
const CONTEXT_CLAUSES: readonly RegExp[] = [
  /(?:^|,\s*)(?:(?:bonjour|bonsoir|bjr|hello|hi)\W+)?(?:je me suis|j'ai|jai|j'avais|javais|i have|i've|i had|i)\s+(?:(?!want|would|like|need|wish|going|try|hope|plan)\w+\s+){0,2}?(?:retracte\w*|desinscri\w*|inscri\w*|paye\w*|regle\w*|change\w*|annule\w*|arrete\w*|fait|envoye\w*|ecrit|appele|rempli|contacte|mis a jour|modifie\w*|withdrew|withdrawn|paid|changed|cancell?ed|stopped|quit|enrolled|registered|signed up|sent|wrote|written|called|phoned|filled|contacted|made|updated)\b/,
  /(?:^|,\s*)(?:i have|i've got|i already have|j'ai bien|j'ai deja)\s+(?:my|mes|mon|ma)\b/,
  /(?:^|,\s*)(?:i can|je peux|j'arrive a|i'm able to|i am able to)\s+(?:log ?in|login|sign in|connect|me connecter|acceder)\b(?:\s+\w+)?\s+(?:fine|ok|okay|normally|normalement|sans (?:probleme|souci)|without (?:a |any )?problems?)\b/,
  /(?:^|,\s*)(?:mes|mon|ma|my)\s+(?:(?!ne\b|n'|not\b|don't\b|doesn't\b)\S+\s+){0,2}(?:marche|marchent|fonctionne|fonctionnent|works?|is fine|are fine|sont ok|est ok)\b(?!\s+(?:pas|plus|not|no)\b)/,
  /\b(?:inscri\w*|paye\w*|paie\w*|paiement|prelev\w*|regle\w*|enrol\w*|regist\w*|paid|payment|charged|debited)\b.*\b(?:\d{1,2}(?:er)?(?: |\/)(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|\d{1,2})|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}|\d{1,2}(?:st|nd|rd|th)? (?:january|february|march|april|may|june|july|august|september|october|november|december))\b/,
];
/**
 * Pairs where the problem told first is the whole message's problem in other words, or its context: cancelling within
 * the 14 days is withdrawing ("I enrolled on 13 November... today I decided to cancel. Am I still within the 14
 * days?"); a payment told before a withdrawal is when the 14 days start ("le paiement n'est passé que le 6. Je veux
 * renoncer"); a complaint refused or unanswered comes before the mediator ("My complaint was refused twice. Is there
 * a mediator?").
 */
const TOLD_FIRST_BUT_SAME: ReadonlySet<string> = new Set(['withdrawal<cancellation', 'withdrawal<paymentPlan', 'contactMediator<noAnswer']);
/** A sentence with the marks that end it. */
const SENTENCE = /[^.!?;\n]+[.!?;\n]*/g;
/** Within a sentence, the clauses joined by "et", "mais", "and", "but"... */
const CLAUSE_BOUNDS = /,?\s+(?:et|mais|and|but|et du coup|du coup|and now|alors que|while|\+|&)\s+/g;

/** A clause, and whether its sentence asks something ("…?"). */
interface ClauseText {
  text: string;
  question: boolean;
}

/** The clauses of each sentence. */
function clauses(text: string): ClauseText[] {
  return [...normalizeText(text.slice(0, 1200)).matchAll(SENTENCE)]
    .flatMap(([sentence]) => {
      const question = sentence.includes('?');
      return sentence
        .split(SEGMENT_BOUNDS)
        .flatMap((segment) => segment.split(CLAUSE_BOUNDS))
        .map((part) => ({ text: part.trim(), question }));
    })
    .filter(({ text: part }) => part.split(' ').length >= MIN_SEGMENT_WORDS);
}

/** A clause read surely as a problem, and whether it names that problem on its own. */
interface ClauseReading {
  route: RouteKey;
  /** Supported by each model, and not a step told as context. */
  own: boolean;
}

/** A clause: its sure reading (undefined when nothing is sure), and the problem it leans to without being sure. */
interface Clause {
  /** Its sentence asks something. */
  question: boolean;
  sure: ClauseReading | undefined;
  /** The best of its two first problems that scores LEAN_SCORE and whose family word it holds, when it is no context. */
  leans: RouteKey | undefined;
}

/** Each clause, in the order of the message (none for a message of one clause). */
function readClauses(classifier: Opinionated, text: string, lang: Lang, policy: Readonly<ReadingPolicy>): Clause[] {
  const parts = clauses(text);
  if (parts.length < 2) return [];
  return parts.slice(0, 8).map(({ text: part, question }) => {
    const opinions = classifier.opinions(part, lang);
    const context = CONTEXT_CLAUSES.some((re) => re.test(part));
    const leans = context
      ? undefined
      : opinions.ranking.slice(0, 2).find((r): r is { intent: RouteKey; score: number } => isRouteKey(r.intent) && r.score >= LEAN_SCORE && hasAnchor(r.intent, part))?.intent;
    const top = opinions.ranking[0];
    if (!top || !isRouteKey(top.intent) || !isSure(opinions, policy) || !hasAnchor(top.intent, part)) return { question, sure: undefined, leans };
    return { question, sure: { route: top.intent, own: opinions.support >= CLAUSE_SUPPORT && !context }, leans };
  });
}

/** Sure: high scores from the ensemble and from each model, a clear lead, and both models naming it (a second opinion). */
function isSure({ ranking, agree, support }: Opinions, policy: Readonly<ReadingPolicy>): boolean {
  const [best, second] = ranking;
  return best !== undefined && agree && best.score >= policy.sureScore && support >= policy.support && best.score - (second?.score ?? 0) >= policy.margin;
}

/** Problems after the first that still score RUNNER_UP_SCORE and whose family word the message holds. */
function runnersUp({ ranking }: Opinions, route: RouteKey | undefined, normalized: string): RouteKey[] {
  return ranking
    .slice(1, 4)
    .filter((r): r is { intent: RouteKey; score: number } => isRouteKey(r.intent) && r.intent !== route && r.score >= RUNNER_UP_SCORE && hasAnchor(r.intent, normalized))
    .map((r) => r.intent);
}

/** A question about these problems first, then the other candidates, each offered once. */
function toConfirm(first: readonly RouteKey[], candidates: readonly RouteKey[]): MessageReading {
  const asked = [...new Set([...first, ...candidates])].slice(0, MAX_CANDIDATES);
  return { kind: 'problem', route: first[0], sure: false, candidates: asked, others: [] };
}

export function readMessage(classifier: Opinionated, text: string, lang: Lang, policy: Readonly<ReadingPolicy> = READING_POLICY): MessageReading {
  const whole = classifier.opinions(text, lang);
  const normalized = normalizeText(text);
  const ranking = whole.ranking;
  const best = ranking[0];
  // A question's candidates: the problems the message names by their own words ("se rétracter"), then the best scores.
  const owned = namedByOwnWords(normalized);
  const scored = ranking.filter((r): r is { intent: RouteKey; score: number } => isRouteKey(r.intent) && r.score >= CANDIDATE_SCORE).map((r) => r.intent);
  const ranked = [...owned.filter((r) => !scored.slice(0, MAX_CANDIDATES).includes(r)), ...scored];
  // "Aucune nouvelle du CNED pour le dossier": the escalation is offered, second, unless a problem offered already
  // leads to it (a refund waited for, a withdrawal, the mediator).
  if (saysUnanswered(normalized) && !ranked.slice(0, MAX_CANDIDATES).some((r) => LEADS_TO_ESCALATION.has(r))) ranked.splice(1, 0, 'noAnswer');
  const candidates = ranked.slice(0, MAX_CANDIDATES);

  // Problems named by clauses of the message, each on its own, in order.
  const clauseReadings = readClauses(classifier, text, lang, policy);
  const read = clauseReadings.map((clause) => clause.sure);
  const named: RouteKey[] = [];
  for (const clause of read) if (clause?.own && !named.includes(clause.route)) named.push(clause.route);

  // Sure of the whole message only when the models are, and the message holds a word of that problem's family.
  const wholeRoute = best && isRouteKey(best.intent) && isSure(whole, policy) && hasAnchor(best.intent, normalized) ? best.intent : undefined;
  // Where a clause says the whole message's problem: the problems named before it are told first.
  const at = read.findIndex((clause) => clause?.route === wholeRoute);
  // A statement before the question that says it is its context ("Le CNED a rejeté notre recours. Peut-on saisir un
  // médiateur ?"), not a problem told first.
  const asked = at >= 0 && clauseReadings[at].question;
  const namedBefore = named.filter((route) => at > 0 && read.slice(0, at).some((clause, i) => clause?.own && clause.route === route && (!asked || clauseReadings[i].question)));
  // Another problem in a message read surely as something else: a word of its own ("Facebook", "médiateur"), or a
  // runner-up whose family word the message holds and that no clause names (a clause naming it makes it one of two
  // problems, offered after): ask, unless a problem is told before (then that one comes first, below).
  const contextRivals = wholeRoute ? contextRivalsOf(wholeRoute, normalized) : [];
  const owning = wholeRoute ? [...rivalsOf(wholeRoute, normalized), ...contextRivals].filter((r) => !namedBefore.includes(r)) : [];
  // A pair told first that is the same problem, unless what the message tells makes it the other one ("résilier…
  // je suis hors délai de rétractation" is a cancellation, not the withdrawal).
  const sameProblem = (told: RouteKey): boolean => wholeRoute !== undefined && TOLD_FIRST_BUT_SAME.has(`${wholeRoute}<${told}`) && !contextRivals.includes(told);
  const running = wholeRoute ? runnersUp(whole, wholeRoute, normalized).filter((r) => !named.includes(r)) : [];
  const rivals = [...owning, ...running.filter((r) => !owning.includes(r))];
  if (wholeRoute && rivals.length > 0 && namedBefore.length === 0) {
    return toConfirm([wholeRoute, ...rivals], candidates);
  }
  if (wholeRoute) {
    // The whole message's problem, unless a clause before the one that says it names another problem: that one is
    // told first ("je n'ai toujours pas mes codes et j'ai besoin d'un certificat de scolarité" is about the codes first).
    const told = namedBefore.find((route) => route !== wholeRoute);
    const first = told !== undefined && !sameProblem(told) ? told : undefined;
    // No clause names another problem surely before it, but one leans to another problem: ask which comes first.
    const says = clauseReadings.findIndex((clause) => clause.sure?.route === wholeRoute || clause.leans === wholeRoute);
    const leaning = first === undefined && says > 0
      ? clauseReadings.slice(0, says).map((clause) => clause.leans).find((r): r is RouteKey => r !== undefined && r !== wholeRoute && !sameProblem(r))
      : undefined;
    if (leaning !== undefined) {
      return toConfirm([leaning, wholeRoute], candidates);
    }
    const route = first ?? wholeRoute;
    const others = [...(first ? [wholeRoute] : []), ...named.filter((r) => r !== route && r !== wholeRoute)];
    return { kind: 'problem', route, sure: true, candidates, others: others.slice(0, MAX_OTHERS) };
  }
  // Several problems, each named clearly by its own clause, where the whole message is unclear: confirm them, the
  // first one told first.
  if (named.length > 1) {
    return toConfirm(named, candidates);
  }
  // "CNED never answers me, what can I do?" reads like a plea for help or anger: it is the escalation, to confirm.
  if (best && isNonProblem(best.intent) && saysUnanswered(normalized)) {
    return toConfirm(['noAnswer'], candidates);
  }
  // No CNED problem only when both models say so: "bonjour, mon fils n'a pas ses devoirs corrigés" is a problem; and
  // not when a problem is named by its own words ("on m'a pris 2 fois les frais") or still scores RUNNER_UP_SCORE with
  // a word of its family ("double charge on my card"): ask.
  const nearby = best && isNonProblem(best.intent) ? [...new Set([...owned, ...runnersUp(whole, undefined, normalized)])] : [];
  if (nearby.length > 0) {
    return toConfirm(nearby, candidates);
  }
  if (best && isNonProblem(best.intent) && best.score >= NON_PROBLEM_SCORE && whole.agree) return { kind: 'nonProblem', intent: best.intent };
  // The models differ, but no problem offered holds a word of its family ("Can you order me a pizza?"): no question.
  if (best && isNonProblem(best.intent) && best.score >= NON_PROBLEM_SCORE && !candidates.some((r) => hasAnchor(r, normalized))) return { kind: 'nonProblem', intent: best.intent };
  if (best && isNonProblem(best.intent) && candidates.length > 0) {
    return toConfirm(candidates, []);
  }
  if (best && isRouteKey(best.intent)) {
    return { kind: 'problem', route: best.intent, sure: false, candidates: candidates.length > 0 ? candidates : [best.intent], others: [] };
  }
  return { kind: 'unclear', candidates };
}
