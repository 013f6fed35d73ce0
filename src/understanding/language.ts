/**
 * Which language a message is written in, when it is long and clear enough to tell: French or English. A short or
 * ambiguous message ("ok", "merci", "CNED") gets undefined, and the conversation keeps the language it had.
 * tinyld (pure JavaScript, n-gram profiles shipped in the package) does the guessing.
 */
import { detectAll } from 'tinyld/light';
import type { Lang } from '../domain/types';
import { normalizeText } from './normalize';

/** Fewer letters than this and no language is claimed. */
const MIN_LETTERS = 12;
const MIN_WORDS = 3;
/** The winner must score this many times the other language. */
const MARGIN = 3;
const MIN_SCORE = 0.03;
/** Only the start of a long message is looked at. */
const MAX_CHARS = 400;
/** Below this many words, the guess must be backed by at least one of its language's function words. */
const SHORT_WORDS = 6;
/** Without a clear n-gram guess, this many function words of one language and none of the other decide. */
const MIN_VOTES = 2;

/**
 * Function words that belong to one of the two languages only ("a", "on", "me", "an" are in both and left out). A
 * second opinion for short texts, where n-gram profiles guess wrong ("a registered letter" looks French to them).
 */
const FUNCTION_WORDS: Readonly<Record<Lang, ReadonlySet<string>>> = {
  fr: new Set(
    'le la les un une des du de je j mon ma mes est et pour avec pas ne il elle nous vous que qui ce ca au aux sur dans depuis toujours mais ou sont suis ai rien moi votre vos tu ton ta jamais deja encore quand comment pourquoi etait ete fait'.split(' '),
  ),
  en: new Set(
    'the my i is are was were to of and for with have has had not don can t it this that you your they we about ago still what how when been did do does got get from at in be will would please yet but no any since never there their its our could should which who why he she his her them just already'.split(' '),
  ),
};

/** How many of the text's words are function words of each language. */
function functionWordVotes(clean: string): Record<Lang, number> {
  const votes: Record<Lang, number> = { fr: 0, en: 0 };
  for (const word of clean.split(/[^\p{L}]+/u)) {
    if (FUNCTION_WORDS.fr.has(word)) votes.fr += 1;
    if (FUNCTION_WORDS.en.has(word)) votes.en += 1;
  }
  return votes;
}

export function detectLanguage(text: string): Lang | undefined {
  const clean = normalizeText(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '');
  const letters = clean.replace(/[^\p{L}]/gu, '');
  const words = clean.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  if (letters.length < MIN_LETTERS || words < MIN_WORDS) return undefined;
  let fr = 0;
  let en = 0;
  for (const { lang, accuracy } of detectAll(clean)) {
    if (lang === 'fr') fr = accuracy;
    if (lang === 'en') en = accuracy;
  }
  const votes = functionWordVotes(clean);
  const guess: Lang | undefined = fr >= MIN_SCORE && fr >= MARGIN * en ? 'fr' : en >= MIN_SCORE && en >= MARGIN * fr ? 'en' : undefined;
  if (guess !== undefined) {
    // The guess stands unless the function words say the other language, or (in a short text) say nothing for it.
    const other: Lang = guess === 'fr' ? 'en' : 'fr';
    if (votes[other] > votes[guess] || (words < SHORT_WORDS && votes[guess] === 0)) return undefined;
    return guess;
  }
  // No clear n-gram guess ("I am pregnant and I must stop my studies for a while" scores en 0.07, fr 0.03): the function
  // words decide when they all belong to one language and the n-grams lean the same way.
  if (votes.en >= MIN_VOTES && votes.fr === 0 && en > fr) return 'en';
  if (votes.fr >= MIN_VOTES && votes.en === 0 && fr > en) return 'fr';
  return undefined;
}
