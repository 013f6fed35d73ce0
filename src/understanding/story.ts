/**
 * What the user already did to reach CNED ("history"), read with cheap patterns over
 * the folded text, sentence by sentence, in French and English.
 *
 * - Sentences end at . ! ? or a line break; a sentence is cut into segments at ";",
 *   "puis", "ensuite", "then". A kind counts once per segment.
 * - In a segment that names an appeal (recours, directeur général) or the mediator, a
 *   registered letter or a form is the *means* of that step, not a step of its own.
 * - An outcome ("réponse négative", "aucune réponse"...) goes to the latest written
 *   step (form, letter, appeal, mediator) not yet settled, else to the latest step;
 *   a phone call rarely gets a "negative answer" of its own.
 * - A past date in the same sentence dates the nearest step; a waiting duration
 *   ("cela fait 7 semaines que j'attends") dates the latest written step told before it.
 * Questions ("?", "comment...", "how...") are not history.
 */
import { DateTime } from 'luxon';
import type { ActionKind, ActionOutcome, PastAction } from '../domain/types';
import { minus, parisToday, type TemporalMention } from './dates';
import { anyIn, blankOut, matchStarts } from './textScan';

/** How a temporal mention is used by the caller: only 'plain' dates and 'waiting' durations can date a step. */
export type MentionRole = 'registered' | 'paid' | 'both' | 'waiting' | 'plain' | 'ignored';

interface Pattern {
  kind: ActionKind;
  re: RegExp;
}

const ACTION_PATTERNS: Pattern[] = [
  { kind: 'form', re: /\bformulaires?\b|\bforms?\b/g },
  {
    kind: 'email',
    re: /^(?:e-?mails?|mails?|courriels?)\b|\b(?:(?:un|des|mon|mes|par|deux|2|plusieurs|trois|3|an|by|several|two|three|the) (?:e-?mails?|mails?|courriels?|messages? electroniques?)|(?:envoye|ecrit|sent|written|wrote)\s+(?:un |des |an )?(?:e-?mails?|mails?|courriels?)|emailed|e-?mailed|mailed them)\b/g,
  },
  {
    kind: 'phone',
    re: /\b(?:appels?|appele(?:e|s|es)?|appeler|rappel\w*|telephon\w*|au tel|par tel|on (?:me|m'a) (?:dit|repondu|explique)|on m'a dit|called|phoned|telephoned|rang (?:them|cned|up)|phone calls?|by phone|on the phone|over the phone|(?:they|he|she) (?:told|said to) me|hotline)\b/g,
  },
  {
    kind: 'registeredLetter',
    re: /^recommandee?s?\b|\b(?:(?:en|par|lettre|courrier|envoi|pli)s? recommandee?s?|(?:un|mon|ma|ce|du|au|mes|des|deux|2) recommandee?s?|recommandee?s? avec|accuse de reception|avis de reception|lrar|registered (?:letter|mail|post)|recorded delivery|certified (?:letter|mail)|return receipt|(?:proof|acknowledge?ment) of (?:receipt|delivery))\b/g,
  },
  {
    kind: 'directorAppeal',
    re: /\b(?:recours|direct(?:eur|rice) generale?|director[- ]general|appeal(?:ed|s)?)\b/g,
  },
  { kind: 'mediator', re: /\b(?:mediat(?:eur|rice|ion|or)|ombudsman)\b/g },
];

/** Phrases that look like a step but are not one; blanked before matching. */
const NOT_ACTIONS =
  /\b(?:numeros? de (?:tel|telephone|fax)|(?:tele)?phone numbers?|fai\w* appel|appels? d'offres?|appel a candidature|formulaire de contact en ligne existe)\b/g;

const EXPLICIT_DIRECTOR = /\b(?:direct(?:eur|rice) generale?|director[- ]general)\b/;

const REFUSED =
  /\b(?:reponses? negatives?|refus\w*|rejet\w*|(?:m'a|m'ont|ont|a) (?:dit|repondu) non|(?:answered|replied) no|negative (?:answer|reply|response)|rejected|refused|turned (?:me |it )?down|denied|declined|said no)\b/;
const UNANSWERED =
  /\b(?:aucune? (?:reponse|retour|nouvelle)s?|pas (?:de|eu de|encore de|encore eu de|recu de|eu la moindre) (?:reponse|retour|nouvelles)|sans (?:reponse|retour|nouvelles)|jamais (?:eu de |recu de )?(?:reponse|repondu)|toujours rien|(?:personne|on) ne (?:m'a|me|nous|m'|nous a) (?:jamais )?(?:repond|rappel)\w*|(?:nobody|no one|noone) (?:ever )?(?:calls?|called|rings?|rang) (?:me |us )?back|(?:attends?|attendre|attente|j'attends) (?:toujours )?(?:qu'on|que l'on|qu'ils|qu'il|qu'elle|une|leur|la|d'avoir une) (?:daigne )?(?:me |nous )?(?:repon\w*)|no (?:answer|reply|response)|never (?:answered|replied|heard back|got (?:an? )?(?:answer|reply|response))|(?:haven't|have not|not) heard (?:back|anything)|unanswered|waiting for (?:an? |their |any )?(?:answer|reply|response)|(?:never|didn't|did not|haven't|have not|hasn't|has not|don't|doesn't|won't) (?:got|get|gotten|come|came) back|(?:et )?(?:puis|apres) (?:plus )?rien|(?:and )?then nothing|plus (?:de|aucune) nouvelles?|nothing (?:since|after|more|else))/;

/**
 * A step negated just before ("je n'ai pas encore saisi le médiateur"), in the same clause: "my refund never came, I
 * phoned them twice" tells a call.
 */
const NEGATED_BEFORE = /\b(?:pas encore|jamais|not yet|never|haven't|have not|didn't|did not|n'ai pas|sans)\b(?:(?!\b(?:et|and|mais|but|puis|then)\b)[^.;,]){0,20}$/;

/** A step the user wants to take, not one taken ("je veux saisir le médiateur", "I want to complain to the mediator"). */
const INTENDED_BEFORE =
  /\b(?:veux|voudrais|souhaite|souhaiterais|aimerais|vais|dois|faut|want to|wanna|would like to|'d like to|wish to|going to|need to|planning to|plan to)\b(?:(?!\b(?:deja|already|ai|have|'ve|avons|had)\b)[^.;,]){0,30}$/;

const QUESTION_START =
  /^(?:comment|ou |quel|quelle|quels|quelles|dois-je|puis-je|peut-on|est-ce qu|combien|pourquoi|how|where|what|which|should|can i|could i|do i|is there|are there|who)\b/;

/** A message cannot tell more steps than this (a 5,000-character rant repeats itself). */
const MAX_STEPS = 20;

const WRITTEN: ReadonlySet<ActionKind> = new Set(['form', 'email', 'registeredLetter', 'directorAppeal', 'mediator']);

interface Found {
  kind: ActionKind;
  pos: number;
  outcome: ActionOutcome;
  on?: string;
}

interface Range {
  start: number;
  end: number;
}

function ranges(text: string, re: RegExp, from: number, to: number): Range[] {
  const out: Range[] = [];
  let start = from;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < to) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + Math.max(1, m[0].length);
    re.lastIndex = start;
  }
  if (to > start) out.push({ start, end: to });
  return out;
}

const SENTENCE_END = /[.!?]+(?=\s|$)|\n/g;
const SEGMENT_END = /;|\b(?:puis|ensuite|then|after that|apres quoi|et enfin|finally)\b/g;
/** In a reply about what came of a step, "not possible" is a refusal ("ils ont dit que c'était pas possible"). */
const NOT_POSSIBLE = /\b(?:pas possible|impossible|not possible|(?:can't|cannot|couldn't|could not) (?:do|help)|(?:ont|a) dit que non|said (?:it (?:was|is) )?not possible)\b/;

/** What came of a step, in a reply to "what did you get?": "non, pas de réponse", "ils ont refusé", "nothing". */
export function readOutcome(folded: string): ActionOutcome | undefined {
  if (REFUSED.test(folded) || NOT_POSSIBLE.test(folded)) return 'refused';
  if (UNANSWERED.test(folded) || /\b(?:rien|nothing|pas de (?:reponse|retour)|no (?:answer|reply)|silence|personne ne (?:repond|decroche)|nobody (?:answers|answered|picks up)|no one (?:answers|answered)|jamais (?:fait|rappele)|never (?:did|called back))\b|^(?:aucune?|non|none|no|nope|nan)\b/.test(folded)) return 'unanswered';
  return undefined;
}

const REFUSED_G = new RegExp(REFUSED.source, 'g');
const UNANSWERED_G = new RegExp(UNANSWERED.source, 'g');

/** Sorted start positions of every step or outcome word: sentences without one are skipped unread. */
function hintPositions(text: string): number[] {
  return matchStarts(text, [...ACTION_PATTERNS.map((p) => p.re), REFUSED_G, UNANSWERED_G]);
}

/** "appelé deux fois", "called twice": the step was taken more than once. */
const REPEATED = /\b(?:deux|2|plusieurs|trois|3|quatre|4|maintes) fois\b|\b(?:twice|several times|three times|many times|a few times|2 times|3 times)\b/;

function stepsIn(text: string, seg: Range): Found[] {
  const slice = text.slice(seg.start, seg.end);
  const seen = new Map<ActionKind, Found>();
  const repeated = new Set<ActionKind>();
  for (const { kind, re } of ACTION_PATTERNS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(slice)) !== null) {
      const before = slice.slice(Math.max(0, m.index - 40), m.index);
      if (NEGATED_BEFORE.test(before) || INTENDED_BEFORE.test(before)) continue;
      if (!seen.has(kind)) seen.set(kind, { kind, pos: seg.start + m.index, outcome: 'unknown' });
      if (REPEATED.test(slice.slice(m.index, m.index + m[0].length + 25))) repeated.add(kind);
      break;
    }
  }
  if (seen.has('mediator') && seen.has('directorAppeal') && !EXPLICIT_DIRECTOR.test(slice)) seen.delete('directorAppeal');
  if (seen.has('mediator') || seen.has('directorAppeal')) {
    seen.delete('registeredLetter');
    seen.delete('form');
    seen.delete('email');
  }
  // "un mail recommandé" / "lettre": a registered letter is not also an e-mail.
  if (seen.has('registeredLetter')) seen.delete('email');
  const found = [...seen.values()];
  // A step taken twice counts twice ("deux appels" without answer: the phone was tried, go to writing).
  for (const kind of repeated) {
    const first = seen.get(kind);
    if (first) found.push({ ...first, pos: first.pos + 1 });
  }
  return found.sort((a, b) => a.pos - b.pos);
}

export interface StoryResult {
  history: PastAction[];
  /** Indices (into `mentions`) of the dates used to date a step. */
  used: Set<number>;
}

/**
 * @param folded the folded text (foldText)
 * @param mentions resolved temporal mentions, in text order
 * @param roles the role of each mention, same indices
 */
export function extractHistory(
  folded: string,
  mentions: TemporalMention[],
  roles: MentionRole[],
  now: DateTime,
): StoryResult {
  const used = new Set<number>();
  const steps: Found[] = [];
  if (folded.length === 0) return { history: [], used };
  const text = blankOut(folded, NOT_ACTIONS);
  const today = parisToday(now);
  let open: Found[] = [];
  const hints = hintPositions(text);
  if (hints.length === 0) return { history: [], used };

  for (const sentence of ranges(text, SENTENCE_END, 0, text.length)) {
    if (!anyIn(hints, sentence.start, sentence.end)) continue;
    const raw = text.slice(sentence.start, sentence.end).trim();
    const isQuestion = text.charAt(sentence.end) === '?' || QUESTION_START.test(raw);
    if (isQuestion) continue;
    const inSentence: Found[] = [];
    for (const seg of ranges(text, SEGMENT_END, sentence.start, sentence.end)) {
      const segSteps = stepsIn(text, seg);
      steps.push(...segSteps);
      inSentence.push(...segSteps);
      open.push(...segSteps);
      const slice = text.slice(seg.start, seg.end);
      const outcome: ActionOutcome | undefined = REFUSED.test(slice)
        ? 'refused'
        : UNANSWERED.test(slice)
          ? 'unanswered'
          : undefined;
      if (outcome === undefined) continue;
      const pending = (list: Found[]): Found[] => list.filter((s) => s.outcome === 'unknown');
      const target =
        pending(segSteps).filter((s) => WRITTEN.has(s.kind)).pop() ??
        pending(open).filter((s) => WRITTEN.has(s.kind)).pop() ??
        pending(segSteps).pop() ??
        pending(open).pop();
      if (target !== undefined) {
        target.outcome = outcome;
        open = [];
      }
    }
    if (inSentence.length === 0 || today === undefined) continue;
    // Dates in this sentence.
    mentions.forEach((m, i) => {
      if (m.start < sentence.start || m.start >= sentence.end) return;
      const role = roles[i];
      if (role === 'plain' && m.iso !== undefined) {
        const undated = inSentence.filter((s) => s.on === undefined);
        if (undated.length === 0) return;
        const nearest = undated.reduce((best, s) =>
          Math.abs(s.pos - m.start) < Math.abs(best.pos - m.start) ? s : best,
        );
        nearest.on = m.iso;
        used.add(i);
      } else if (role === 'waiting' && m.duration !== undefined) {
        const before = inSentence.filter((s) => s.pos < m.start && s.on === undefined);
        const target = before.filter((s) => WRITTEN.has(s.kind)).pop() ?? before.pop();
        if (target === undefined) return;
        const on = minus(today, m.duration).toISODate();
        if (on !== null) target.on = on;
      }
    });
  }

  const history: PastAction[] = steps.slice(0, MAX_STEPS).map((s) => {
    const action: PastAction = { kind: s.kind, outcome: s.outcome };
    if (s.on !== undefined) action.on = s.on;
    return action;
  });
  return { history, used };
}
