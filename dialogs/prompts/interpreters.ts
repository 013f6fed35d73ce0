/** How the answer to each kind of question is read from a reply. */
import type { Interpreter } from './askDialog';

/** Only a button (or its number, title or synonym) answers. */
export const pickedChoice: Interpreter<string> = ({ picked }) => picked;

/** An ISO date, or "unknown": a shortcut button, or a date written in the reply. */
export const dateAnswer: Interpreter<string> = ({ text, picked, lang, now, understanding }) => {
  if (picked === 'today') return now.setZone('Europe/Paris').toISODate() ?? undefined;
  if (picked === 'yesterday') return now.setZone('Europe/Paris').minus({ days: 1 }).toISODate() ?? undefined;
  if (picked === 'unknown') return 'unknown';
  return understanding.extractDate(text, lang, now);
};

/** A waiting time in days: a range button, or a duration written in the reply. */
export const waitingDaysAnswer: Interpreter<number> = ({ text, picked, lang, understanding }) => {
  if (picked !== undefined) return Number(picked);
  return understanding.extractDuration(text, lang)?.days;
};
