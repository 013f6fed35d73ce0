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

export function detectLanguage(text: string): Lang | undefined {
  const clean = normalizeText(typeof text === 'string' ? text.slice(0, MAX_CHARS) : '');
  const letters = clean.replace(/[^\p{L}]/gu, '');
  if (letters.length < MIN_LETTERS || clean.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length < MIN_WORDS) return undefined;
  let fr = 0;
  let en = 0;
  for (const { lang, accuracy } of detectAll(clean)) {
    if (lang === 'fr') fr = accuracy;
    if (lang === 'en') en = accuracy;
  }
  if (fr >= MIN_SCORE && fr >= MARGIN * en) return 'fr';
  if (en >= MIN_SCORE && en >= MARGIN * fr) return 'en';
  return undefined;
}
