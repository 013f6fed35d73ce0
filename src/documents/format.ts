/** Dates and amounts as a French letter (or the learner's language) writes them. No clock is read here. */
import { DateTime } from 'luxon';
import type { Lang } from '../domain/types';
import { PARIS_ZONE } from '../rules/calendar';

export const NBSP = '\u00a0';

/** True for a real calendar date written yyyy-mm-dd. */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value).isValid;
}

/** "4 décembre 2026", "1er décembre 2026" (fr); "4 December 2026" (en). */
export function longDate(isoDate: string, lang: Lang = 'fr'): string {
  const date = DateTime.fromISO(isoDate, { zone: PARIS_ZONE });
  if (!date.isValid) throw new RangeError(`not a date: ${isoDate}`);
  const text = date.setLocale(lang).toFormat('d MMMM yyyy');
  return lang === 'fr' && date.day === 1 ? text.replace(/^1 /, '1er ') : text;
}

/** "1 234,56 €" with non-breaking spaces (the narrow one is not in the PDF's WinAnsi fonts). */
export function euros(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`not an amount in cents: ${cents}`);
  const whole = Math.floor(cents / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const rest = cents % 100;
  return rest === 0 ? `${whole}${NBSP}€` : `${whole},${String(rest).padStart(2, '0')}${NBSP}€`;
}

/** {name} placeholders filled; a missing one stays visible. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
