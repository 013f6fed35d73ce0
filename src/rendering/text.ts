/** Text helpers the renderers share: shorten at a grapheme boundary, split long text where a reader would pause. */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export const ELLIPSIS = '…';

/** The grapheme clusters of a text (an accented letter, a flag or a family emoji is one cluster). */
export function graphemesOf(text: string): string[] {
  return Array.from(graphemes.segment(text), (part) => part.segment);
}

/** The longest prefix of whole graphemes whose length is at most max. */
function prefixWithin(text: string, max: number): string {
  let out = '';
  for (const grapheme of graphemesOf(text)) {
    if (out.length + grapheme.length > max) break;
    out += grapheme;
  }
  return out;
}

/**
 * The text if it fits, else its start cut at a grapheme boundary (never inside an accent or an emoji),
 * trailing spaces and punctuation dropped, and an ellipsis; the result's length is at most max.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return prefixWithin(text, max);
  const head = prefixWithin(text, max - ELLIPSIS.length).replace(/[\s,;:.\-–—(/]+$/u, '');
  return `${head}${ELLIPSIS}`;
}

/** Where a text of more than max units is best cut: after a paragraph, a line, a sentence, a word, or a grapheme. */
function cutPosition(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // A boundary in the first half would leave a tiny message; look for a weaker boundary nearer the limit.
  const floor = Math.floor(max / 2);
  const lastMatch = (pattern: RegExp): number => {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      const end = (match.index ?? 0) + match[0].length;
      if (end <= max) best = end;
    }
    return best;
  };
  for (const pattern of [/\n\s*\n/g, /\n/g, /[.!?…:;](?:["»)\]]*)(?=\s)/gu, /\s/gu]) {
    const at = lastMatch(pattern);
    if (at > floor) return at;
  }
  return Math.max(prefixWithin(text, max).length, 1);
}

/** Splits a text into pieces of at most max units, at paragraph, line, sentence or word boundaries when possible. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const at = cutPosition(rest, max);
    const piece = rest.slice(0, at).trim();
    if (piece) pieces.push(piece);
    rest = rest.slice(at).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** Size of a value once serialized, in bytes of UTF-16 (how Teams measures a message). */
export function utf16Bytes(value: unknown): number {
  return JSON.stringify(value).length * 2;
}
