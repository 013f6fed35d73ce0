/** Small scans over folded text shared by the entity and story extractors. */

/** Sorted start positions of every match of global patterns (one pass per pattern). */
export function matchStarts(text: string, patterns: readonly RegExp[]): number[] {
  const out: number[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      out.push(m.index);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out.sort((a, b) => a - b);
}

/** Whether a sorted array holds a value in [start, end). */
export function anyIn(sorted: readonly number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < end;
}

/** Replaces each match with spaces of the same length, so offsets stay valid. */
export function blankOut(text: string, re: RegExp): string {
  return text.replace(re, (s) => ' '.repeat(s.length));
}
