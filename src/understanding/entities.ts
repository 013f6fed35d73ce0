/**
 * What a user's message already says: dates of registration and payment, how long they
 * have waited, an order number, whether they are registered, whether the refund follows
 * a withdrawal, and what they already did to reach CNED.
 *
 * Bounded cost: regular expressions over the folded text find everything; the
 * DateTime recognizer only resolves at most MAX_WINDOWS short candidate spans (see
 * dates.ts). The Number recognizer is never run on user text.
 */
import type { DateTime } from 'luxon';
import type { Lang, PastAction } from '../domain/types';
import type { Duration, ExtractedFacts } from '../domain/understanding';
import {
  MAX_WINDOWS,
  findCandidates,
  foldText,
  minus,
  parisToday,
  resolveCandidates,
  type Candidate,
  type TemporalMention,
} from './dates';
import { extractHistory, readOutcome, type MentionRole } from './story';
import { anyIn, blankOut, matchStarts } from './textScan';

export { extractDate, extractDuration, warmUpRecognizers } from './dates';


// ---------------------------------------------------------------------------
// Keywords around a date.

const KEYWORDS =
  /\b(?<reg>inscri\w*|reinscri\w*|enregistr\w*|register\w*|enrol\w*|signed up|sign up)\b|\b(?<pay>pay(?:e|ee|es|ees|er|ment|ments|ed|ing)?|paie\w*|paiement\w*|paid|reglee?|reglement|versee?|debitee?|prelevee?|prelevement|charged|virement)\b|\b(?<wait>attend\w*|attente|wait\w*|toujours (?:rien|pas)|still (?:nothing|no|not))\b|\b(?<other>commandee?s?|order(?:ed)?|livr\w*|colis|delivery|delivered|parcel|naissance|born|anniversaire|birthday)\b|\b(?<act>formulaire|forms?|appel\w*|telephon\w*|called|phoned|recommandee?|recours|directeur|director|appeal\w*|mediat\w*|courrier|lettre|letter|e?mail|envoye|sent|wrote|ecrit)\b/g;
/** "espace inscrit", "compte inscrit" name a place, not the act of registering. */
const NOT_REGISTRATION = /\b(?:espace|compte|page|site|portail) (?:des )?inscrits?\b|\bnon[- ]inscrits?\b/g;
const WAIT = /\b(?:attend\w*|attente|wait\w*|toujours|still|rien|nothing|aucune?|no (?:answer|reply|news))\b/;
const SENTENCE_BOUND = /[.!?;\n]/;
/** Said of the other step: it happened on the date just given (folded text: no accents, lower case). */
const SAME_DAY = String.raw`(?:le meme jour|le jour meme|ce meme jour|en meme temps|dans la foulee|the same day|same day|on the same day|at the same time)`;
/** "Le même jour" said alone, as the answer to the payment date. */
const SAME_DAY_SAID = new RegExp(String.raw`\b${SAME_DAY}\b`);
const SAME_DAY_PAID = new RegExp(String.raw`\b(?:paye|payee|payes|payees|regle|reglee|paid|paiement|payment|pay)\w*\b[^.!?;]{0,20}?${SAME_DAY}|${SAME_DAY}[^.!?;]{0,12}?\b(?:paye|payee|paid|regle|reglee)\b`);
const SAME_DAY_REGISTERED = new RegExp(String.raw`\b(?:inscrit|inscrite|inscription|enrolled|registered|signed up)\w*\b[^.!?;]{0,20}?${SAME_DAY}|${SAME_DAY}[^.!?;]{0,12}?\b(?:inscrit|inscrite|enrolled|registered)\b`);

/** The part of `text` after the last sentence bound. */
function afterBound(text: string): string {
  for (let i = text.length - 1; i >= 0; i--) if (SENTENCE_BOUND.test(text.charAt(i))) return text.slice(i + 1);
  return text;
}

function beforeBound(text: string): string {
  for (let i = 0; i < text.length; i++) if (SENTENCE_BOUND.test(text.charAt(i))) return text.slice(0, i);
  return text;
}

type Hit = 'reg' | 'pay' | 'act' | 'wait' | 'other';

/** What may stand between a registration word and a payment word that share one date ("inscrit et payé", "my enrolment and my payment were"). */
const JOINED = /^\s*(?:(?:[\w']+\s+){0,3}?(?:et|and|&|\/|ou|or|puis|then|\+)\s*)?(?:(?:mon|ma|mes|le|la|les|l'|my|the|j'?ai|i|we|nous avons|on a|avons|have|has|been|ete|fait|done)\s*)*$/;

interface Attribution {
  /** The keyword nearest to the date, if any. */
  first?: Hit;
  reg: boolean;
  pay: boolean;
}

/**
 * Keywords nearest to a date: walking away from it, collect registration / payment
 * words and stop at a word that names a step ("j'ai appelé le 3"), waiting, or
 * something else that has a date ("commande du 12/10", "colis livré le 3").
 */
function attribute(context: string, towardsLeft: boolean): Attribution {
  const hits: Array<{ pos: number; end: number; kind: Hit }> = [];
  KEYWORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = KEYWORDS.exec(context)) !== null) {
    const g = m.groups ?? {};
    const kind: Hit =
      g.reg !== undefined
        ? 'reg'
        : g.pay !== undefined
          ? 'pay'
          : g.act !== undefined
            ? 'act'
            : g.other !== undefined
              ? 'other'
              : 'wait';
    hits.push({ pos: m.index, end: m.index + m[0].length, kind });
  }
  if (towardsLeft) hits.reverse();
  const out: Attribution = { first: hits[0]?.kind, reg: false, pay: false };
  for (const [i, h] of hits.entries()) {
    if (h.kind !== 'reg' && h.kind !== 'pay') break;
    // A second keyword counts only when joined to the first ("inscrit et payé le 3"), not when it is the topic of
    // another clause ("me rétracter de mon inscription, j'ai payé le 3": the registration date is not given).
    const previous = hits[i - 1];
    if (previous && !JOINED.test(towardsLeft ? context.slice(h.end, previous.pos) : context.slice(previous.end, h.pos))) break;
    out[h.kind] = true;
  }
  return out;
}

interface Context {
  left: string;
  right: string;
}

function contextOf(folded: string, start: number, end: number, leftFrom: number, rightTo: number): Context {
  const left = afterBound(folded.slice(Math.max(leftFrom, start - 60), start));
  const right = beforeBound(folded.slice(end, Math.min(rightTo, end + 40)));
  return { left: blankOut(left, NOT_REGISTRATION), right: blankOut(right, NOT_REGISTRATION) };
}

function datedRole(a: Attribution): MentionRole {
  if (a.first === 'other') return 'ignored';
  return a.reg && a.pay ? 'both' : a.reg ? 'registered' : a.pay ? 'paid' : 'plain';
}

function roleOf(m: TemporalMention, ctx: Context): MentionRole {
  const left = attribute(ctx.left, true);
  const right = attribute(ctx.right, false);
  if (m.duration !== undefined && m.cue !== 'ago') {
    // "4 mois que j'attends", "ça fait 7 semaines", "inscrit depuis 3 semaines"
    for (const side of [left, right]) {
      if (side.first === 'wait') return 'waiting';
      if (m.cue === 'since' && (side.first === 'reg' || side.first === 'pay')) return datedRole(side);
    }
    return m.cue === 'since' ? 'waiting' : 'ignored';
  }
  // The nearest keyword before the date decides; after it only when there is none before.
  return datedRole(left.first !== undefined ? left : right);
}

const WAIT_G = new RegExp(WAIT.source, 'g');

/** Sorted start positions of every keyword (one pass over the text, whatever the number of candidates). */
function keywordPositions(folded: string): number[] {
  return matchStarts(folded, [KEYWORDS, WAIT_G]);
}

/** Which candidates deserve one of the few recognizer calls: those near a keyword first, "today" last. */
function chooseWindows(folded: string, candidates: Candidate[]): Candidate[] {
  const keywords = keywordPositions(folded);
  const scored = candidates
    .filter((c) => c.cue !== 'relative')
    .map((c) => {
      const keyword = anyIn(keywords, c.start - 60, c.end + 40);
      const useless = c.isDuration && c.cue === 'none' && !keyword;
      return { c, score: useless ? 9 : c.isToday ? 2 : keyword ? 0 : 1 };
    })
    .filter((s) => s.score < 9);
  scored.sort((a, b) => a.score - b.score || a.c.start - b.c.start);
  return scored.slice(0, MAX_WINDOWS).map((s) => s.c);
}

// ---------------------------------------------------------------------------
// Order number, registration, withdrawal.

const ORDER_NUMBER =
  /(?:\b(?:numero|num|n°|nº|no|ref|reference)\.?\s*(?:de\s+)?(?:(?:la|ma|votre|the|my)\s+)?commande\b|\bcommande\b|\border\b(?:\s+(?:number|num|no|n°|ref|reference|id)\b\.?)?|\bpurchase\s+(?:number|no)\b\.?)\s*(?:(?:numero|num|n°|nº|no|ref)\.?\s*)?(?:(?:est|is|:|#|=)\s*)?(?:n°|nº|#)?\s*([a-z0-9](?:[a-z0-9/_-]{0,30}[a-z0-9])?)/g;
const LOOKS_LIKE_DATE = /^\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?$/;
const LOOKS_LIKE_PHONE = /^(?:0\d{9}|(?:33|0033)\d{9})$/;

const AMOUNT = /(?:€\s?(\d{1,3}(?:[ .\u00a0\u202f]\d{3})*(?:[,.]\d{1,2})?|\d+(?:[,.]\d{1,2})?)\b|\b(\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:[,.]\d{1,2})?|\d+(?:[,.]\d{1,2})?)\s?(?:€|eur(?:os?)?\b))/;

/** The first amount in euros the text gives, in cents ("1 200,50 €" -> 120050); at most a million euros. */
export function extractAmountCents(folded: string): number | undefined {
  const m = AMOUNT.exec(folded);
  const raw = m?.[1] ?? m?.[2];
  if (raw === undefined) return undefined;
  const decimal = /[,.](\d{1,2})$/.exec(raw);
  const whole = (decimal ? raw.slice(0, decimal.index) : raw).replace(/[ .\u00a0\u202f]/g, '');
  const cents = Number(whole) * 100 + (decimal ? Number(decimal[1].padEnd(2, '0')) : 0);
  return Number.isFinite(cents) && cents > 0 && cents <= 100_000_000 ? cents : undefined;
}

export function extractOrderNumber(folded: string): string | undefined {
  ORDER_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ORDER_NUMBER.exec(folded)) !== null) {
    const token = m[1];
    if (token === undefined) continue;
    const digits = token.replace(/\D/g, '').length;
    if (digits < 4 || LOOKS_LIKE_DATE.test(token) || LOOKS_LIKE_PHONE.test(token)) continue;
    return token.toUpperCase();
  }
  return undefined;
}

const NOT_REGISTERED =
  /\b(?:ne (?:suis|sommes|me suis|nous sommes) (?:pas|plus|jamais)|suis pas|pas encore|pas|plus)\s+(?:encore\s+)?(?:inscrite?s?|enregistree?s?)\b|\bnon[- ]inscrite?s?\b|\b(?:not|never|haven't|have not|hasn't|has not|am not|i'm not|aren't|isn't)\s+(?:yet\s+)?(?:been\s+)?(?:registered|enrolled|signed up)\b|\bno (?:student )?account\b|\b(?:avant (?:de |d')|compte |voudrais |veux |souhaite |aimerais |vais |pense |envisage de )(?:m'|me |nous |l'|le |la )?inscri\w*|\b(?:before (?:i |we )?|want to |would like to |'d like to |plan to |planning to |planning on |going to |thinking (?:of|about|to) |intend to |hoping to )(?:enrol\w*|register\w*|sign(?:ing)? up)\b/;
const REGISTERED =
  /\b(?:je suis|je me suis|j'etais|deja|bien|suis|sommes|me suis) (?:bien |deja )?(?:re)?inscrite?s?\b|\b(?:espace|compte) (?:des )?inscrits?\b|\bmon inscription\b|\bi(?:'m| am| have| 've| was)? (?:already )?(?:registered|enrolled|signed up)\b|\bmy (?:registration|enrol?ment|student (?:account|space))\b/;

function registration(folded: string): boolean | undefined {
  if (NOT_REGISTERED.test(folded)) return false;
  if (REGISTERED.test(folded)) return true;
  return undefined;
}

const WITHDREW =
  /\b(?:(?:je me suis|me suis|je m'etais|nous nous sommes|on s'est) (?:bien |deja )?retractee?s?|(?:j'ai|nous avons|on a) (?:bien |deja )?(?:fait|envoye|exerce|demande|rempli|effectue|depose|adresse)[^.;!?]{0,30}retractation|(?:apres|suite a|depuis) (?:ma|la|notre|mon) (?:demande de |droit de )?retractation|retractation (?:effectuee|faite|envoyee|acceptee|validee|enregistree|prise en compte)|(?:i|we) (?:have |had )?(?:withdrew|withdrawn)|withdrew|after (?:my|the|our) withdrawal|withdrawal (?:was )?(?:accepted|confirmed|sent|done|made))\b/;
const WITHDRAWAL_WORD = /\b(?:retractation|retractee?s?|withdrawal|withdrawn|withdrew)\b/;
const REFUND_WORD = /\b(?:rembours\w*|refund\w*|money back|argent)\b/;

function afterWithdrawal(folded: string): boolean | undefined {
  if (WITHDREW.test(folded)) return true;
  if (WITHDRAWAL_WORD.test(folded) && REFUND_WORD.test(folded)) return true;
  return undefined;
}

// ---------------------------------------------------------------------------

/** Words that tell a step was taken, rather than name it ("j'ai saisi le médiateur" against "médiateur"). */
const TOLD =
  /\b(?:j'?ai|ai|avons|avez|ont|deja|already|i|we|they|have|has|had|did|fait|envoye\w*|ecrit\w*|appele\w*|rempli\w*|saisi\w*|contacte\w*|depose\w*|relance\w*|essaye\w*|tente\w*|sent|wrote|written|called|phoned|emailed|filed|made|submitted|tried|contacted)\b/;
/** A message that names a step without telling it is this short at most. */
const NAMED_ONLY_WORDS = 4;

export function extractFacts(text: string, lang: Lang, now: DateTime): ExtractedFacts {
  const facts: ExtractedFacts = { history: [] };
  let folded: string;
  try {
    folded = foldText(text);
  } catch {
    return facts;
  }
  if (folded.length === 0) return facts;

  let mentions: TemporalMention[] = [];
  let roles: MentionRole[] = [];
  try {
    mentions = resolveCandidates(chooseWindows(folded, findCandidates(folded, lang)), lang, now);
    roles = mentions.map((m, i) => {
      const prevEnd = i > 0 ? mentions[i - 1].end : 0;
      const nextStart = i + 1 < mentions.length ? mentions[i + 1].start : folded.length;
      return roleOf(m, contextOf(folded, m.start, m.end, prevEnd, nextStart));
    });
  } catch {
    mentions = [];
    roles = [];
  }

  let used = new Set<number>();
  try {
    const story = extractHistory(folded, mentions, roles, now);
    facts.history = story.history;
    used = story.used;
  } catch {
    facts.history = [];
  }

  if (facts.history.length > 0 && mentions.length === 0 && folded.split(' ').length <= NAMED_ONLY_WORDS && !TOLD.test(folded) && readOutcome(folded) === undefined) {
    facts.namedOnly = true;
  }

  const today = parisToday(now);
  mentions.forEach((m, i) => {
    const role = roles[i];
    if (role === 'waiting') {
      if (facts.waiting === undefined && m.duration !== undefined) facts.waiting = m.duration;
      return;
    }
    let iso = m.iso;
    if (iso === undefined && m.duration !== undefined && today !== undefined) {
      iso = minus(today, m.duration).toISODate() ?? undefined;
    }
    if (iso === undefined) return;
    const set = (field: 'registeredOn' | 'paidOn' | 'date'): void => {
      facts[field] = iso;
      if (m.inferred) (facts.inferred ??= []).push(field);
    };
    if ((role === 'registered' || role === 'both') && facts.registeredOn === undefined) set('registeredOn');
    if ((role === 'paid' || role === 'both') && facts.paidOn === undefined) set('paidOn');
    if (role === 'plain' && !used.has(i) && !m.isToday && facts.date === undefined) set('date');
  });

  // "inscrit le 23 et payé le même jour", "paid the same day": one date for both.
  if (facts.registeredOn === undefined && facts.paidOn === undefined && SAME_DAY_SAID.test(folded)) facts.sameDay = true;
  if (facts.paidOn === undefined && facts.registeredOn !== undefined && SAME_DAY_PAID.test(folded)) {
    facts.paidOn = facts.registeredOn;
    if (facts.inferred?.includes('registeredOn')) facts.inferred.push('paidOn');
  } else if (facts.registeredOn === undefined && facts.paidOn !== undefined && SAME_DAY_REGISTERED.test(folded)) {
    facts.registeredOn = facts.paidOn;
    if (facts.inferred?.includes('paidOn')) facts.inferred.push('registeredOn');
  }

  try {
    const order = extractOrderNumber(folded);
    if (order !== undefined) facts.orderNumber = order;
    const amount = extractAmountCents(folded);
    if (amount !== undefined) facts.amountCents = amount;
    const reg = registration(folded);
    if (reg !== undefined) facts.registered = reg;
    else if (facts.registeredOn !== undefined) facts.registered = true;
    const withdrawal = afterWithdrawal(folded);
    if (withdrawal !== undefined) facts.afterWithdrawal = withdrawal;
  } catch {
    // keep what was found
  }
  return facts;
}
