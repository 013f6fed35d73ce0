/** Text normalization shared by training and classification: one function, applied once. */

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Format characters: zero-width space/joiners, bidi marks and overrides, BOM, soft hyphen. */
const FORMAT_CHARS = /\p{Cf}/gu;
/** Control characters (C0, DEL, C1); tabs and newlines included, they become plain spaces. */
const CONTROL_CHARS = /\p{Cc}/gu;
/** Every combining mark left by NFD (accents, cedillas, stacked "zalgo" marks). */
const COMBINING_MARKS = /\p{M}/gu;
/** Typographic apostrophes users' keyboards produce, folded to the ASCII one. */
const APOSTROPHES = /[\u2018\u2019\u02BC\u2032\u00B4\u0060]/g;
const LIGATURES: Readonly<Record<string, string>> = { 'œ': 'oe', 'æ': 'ae' };
const WHITESPACE = /\s+/gu;

/**
 * NFD, accents stripped, lower case, control/zero-width/bidi characters removed, whitespace collapsed.
 * "  Je n’ai PAS reçu\u200b mes codes\n" -> "je n'ai pas recu mes codes". Never throws, whatever the string.
 */
export function normalizeText(text: string): string {
  if (typeof text !== 'string' || text.length === 0) {
    return '';
  }
  return text
    .replace(LONE_SURROGATE, ' ')
    .replace(FORMAT_CHARS, '')
    .replace(CONTROL_CHARS, ' ')
    .normalize('NFD')
    .toLowerCase()
    .replace(COMBINING_MARKS, '')
    .replace(/[œæ]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(APOSTROPHES, "'")
    .replace(WHITESPACE, ' ')
    .trim();
}
