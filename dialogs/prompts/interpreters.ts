/** How the answer to each kind of question is read from a reply: a button first, then the words of the reply. */
import { ACTION_KINDS, PastAction } from '../../src/domain/types';
import { parisDaysAgo } from '../../src/rules/calendar';
import type { DateReading } from '../../src/domain/understanding';
import type { AnswerInput, Interpreter } from './askDialog';

/** A button (or its number, title or synonym); for yes/no questions, yes and no in their many written forms too. */
export const pickedChoice: Interpreter<string> = ({ picked, text, understanding }) => {
  if (picked !== undefined) return picked;
  const yesNo = understanding.yesNo(text);
  return yesNo === 'unknown' ? 'no' : yesNo;
};

/** "Do you have a registered account?": a button, yes/no, or the words of the reply ("pas encore inscrit"). */
export const registeredAnswer: Interpreter<string> = (input) => {
  if (input.picked !== undefined) return input.picked;
  const registered = input.reading.facts().registered;
  if (registered !== undefined) return registered ? 'yes' : 'no';
  return pickedChoice(input);
};

/** The answer to "Anything else?" that is the next problem itself, told in the reply ("oui, mes codes ne sont jamais arrivés"). */
export const PROBLEM_TOLD = 'problemTold';
/** A reply needs this many words to tell a problem rather than just say yes. */
const PROBLEM_TOLD_WORDS = 4;
/** A reply this short that holds a date or a waiting time is that date, not a problem. */
const DATE_ONLY_WORDS = 5;

/**
 * "Anything else?": a button or yes/no, and a plain "merci" / "thanks" is a polite no. A problem told in the reply
 * ("oui, mes codes ne sont jamais arrivés") is that problem: the learner was asked for it.
 */
export const moreAnswer: Interpreter<string> = (input) => {
  if (input.picked !== undefined) return input.picked;
  const yesNo = input.understanding.yesNo(input.reading.text);
  const words = input.reading.text.split(/\s+/).length;
  if ((yesNo === undefined || yesNo === 'yes') && words >= PROBLEM_TOLD_WORDS && !isDateOnly(input)) {
    // After a yes, only a problem read surely ("oui j'ai autre chose" is just a yes); without one, any problem.
    const request = input.reading.request();
    if (request.kind === 'problem' && (request.sure || yesNo === undefined)) return PROBLEM_TOLD;
  }
  const answer = pickedChoice(input);
  if (answer !== undefined || !input.reading.text) return answer;
  const request = input.reading.request();
  return request.kind === 'nonProblem' && request.intent === 'thanks' ? 'no' : undefined;
};

/** A short reply that is a date or a waiting time ("la semaine dernière", "il y a 3 semaines") tells no problem. */
export function isDateOnly({ reading, understanding, lang, now }: AnswerInput): boolean {
  return (
    reading.text.split(/\s+/).length <= DATE_ONLY_WORDS &&
    (understanding.readDate(reading.text, lang, now) !== undefined || understanding.extractDuration(reading.text, lang, now) !== undefined)
  );
}

/** Dates a learner adds after a withdrawal answer that counted from one date only ("j'ai payé le 24 novembre"). */
export interface LaterDates {
  kind: 'dates';
  registeredOn?: string;
  paidOn?: string;
  /** A date given without saying what it is. */
  date?: string;
  /** A month or year was guessed ("le 3"). */
  inferred: boolean;
  /** "J'ai payé le même jour": the other step happened on the date already given. */
  sameDay?: boolean;
}

/**
 * "Anything else?" after a withdrawal answered from one date: a button or yes/no as usual, or the other date. A date
 * said to be a registration or a payment is taken as such; a date alone only when the message names no other
 * problem surely. The withdrawal is then counted again, and the bot says so.
 */
export const choiceOrDates: Interpreter<string | LaterDates> = (input) => {
  if (input.picked !== undefined) return input.picked;
  const facts = input.reading.facts();
  const labelled = facts.registeredOn !== undefined || facts.paidOn !== undefined;
  if (facts.sameDay && !labelled && facts.date === undefined) return { kind: 'dates', sameDay: true, inferred: false };
  if (labelled || facts.date !== undefined) {
    const request = input.reading.request();
    const otherProblem = request.kind === 'problem' && request.sure && request.route !== 'withdrawal';
    if (labelled || !otherProblem) {
      return { kind: 'dates', registeredOn: facts.registeredOn, paidOn: facts.paidOn, date: labelled ? undefined : facts.date, inferred: (facts.inferred ?? []).length > 0 };
    }
  }
  return moreAnswer(input);
};

/** A buttons-only answer (a menu): no yes/no reading. */
export const buttonOnly: Interpreter<string> = ({ picked }) => picked;

export type DateAnswer = DateReading | 'unknown' | 'sameDay';

/**
 * A date: a shortcut button, a date written in the reply ("le 20", "20/11", "il y a 3 jours"), the more recent of
 * several, or "I don't know".
 */
export const dateAnswer: Interpreter<DateAnswer> = ({ text, picked, choices, lang, now, understanding, reading }) => {
  if (picked === 'today') return { iso: parisDaysAgo(now, 0), inferred: false };
  if (picked === 'yesterday') return { iso: parisDaysAgo(now, 1), inferred: false };
  if (picked === 'unknown' || picked === 'sameDay') return picked;
  // "j'ai payé le même jour" where "Le même jour" is offered.
  if (choices.some((choice) => choice.value === 'sameDay') && reading.facts().sameDay) return 'sameDay';
  // Several dates in the reply ("inscrit le 2 octobre et payé le 9 octobre"): the questions ask for the more recent
  // one, and a period counted from the earlier would end too soon. Guessed if any of them is.
  const facts = reading.facts();
  const given = [facts.registeredOn, facts.paidOn, facts.date].filter((iso): iso is string => iso !== undefined);
  if (given.length > 1) return { iso: given.reduce((a, b) => (a > b ? a : b)), inferred: (facts.inferred ?? []).length > 0 };
  const date = understanding.readDate(text, lang, now);
  if (date) return date;
  return understanding.yesNo(text) === 'unknown' ? 'unknown' : undefined;
};

/** A waiting time in days: a range button, a duration ("1 mois et demi"), a date ("depuis le 3 octobre"), or "no idea". */
export const waitingDaysAnswer: Interpreter<number | 'unknown'> = ({ text, picked, lang, now, understanding }) => {
  if (picked !== undefined) return Number(picked);
  const days = understanding.extractDuration(text, lang, now)?.days;
  if (days !== undefined) return days;
  return understanding.yesNo(text) === 'unknown' ? 'unknown' : undefined;
};

/** What was already done: a button, or the steps told in words ("j'ai appelé deux fois et envoyé un mail"). */
export const historyAnswer: Interpreter<PastAction[] | 'none'> = ({ text, picked, reading, understanding }) => {
  if (picked === 'none') return 'none';
  const kind = ACTION_KINDS.find((k) => k === picked);
  if (kind) return [{ kind, outcome: 'unknown' }];
  const history = reading.facts().history;
  if (history.length > 0) return history;
  return understanding.yesNo(text) === 'no' ? 'none' : undefined;
};

/** What came of a step: a button, or the words of the reply ("non, pas de réponse", "they refused"). */
export const outcomeAnswer: Interpreter<string> = ({ text, picked, understanding }) => picked ?? understanding.outcome(text);
