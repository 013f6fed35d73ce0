/** The sentences of the case file ("Mon dossier") in the learner's language, from locales/<lang>/messages.json. */
import type { ActionOutcome, EscalationStep, Lang, PastAction } from '../domain/types';
import type { CaseFile, DeadlineKind, LetterKind } from '../domain/caseFile';
import { isMessageKey, t, type MessageKey } from '../i18n/messages';
import { euros, isIsoDate, longDate } from './format';

export const LETTER_TITLE_KEYS: Record<LetterKind, MessageKey> = {
  complaint: 'letters.complaint.title',
  directorAppeal: 'letters.directorAppeal.title',
  mediator: 'letters.mediator.title',
  refundNotice: 'letters.refundNotice.title',
  withdrawal: 'letters.withdrawal.title',
  debitContest: 'letters.debitContest.title',
};

export const LETTER_EXPLAIN_KEYS: Record<LetterKind, MessageKey> = {
  complaint: 'letters.complaint.explain',
  directorAppeal: 'letters.directorAppeal.explain',
  mediator: 'letters.mediator.explain',
  refundNotice: 'letters.refundNotice.explain',
  withdrawal: 'letters.withdrawal.explain',
  debitContest: 'letters.debitContest.explain',
};

export const CALENDAR_TITLE_KEYS: Record<DeadlineKind, MessageKey> = {
  withdrawalLastDay: 'calendar.withdrawalLastDay.title',
  phoneFollowUp: 'calendar.phoneFollowUp.title',
  implicitRejection: 'calendar.implicitRejection.title',
  mediatorFrom: 'calendar.mediatorFrom.title',
  refundDue: 'calendar.refundDue.title',
};

export const CALENDAR_DESCRIPTION_KEYS: Record<DeadlineKind, MessageKey> = {
  withdrawalLastDay: 'calendar.withdrawalLastDay.description',
  phoneFollowUp: 'calendar.phoneFollowUp.description',
  implicitRejection: 'calendar.implicitRejection.description',
  mediatorFrom: 'calendar.mediatorFrom.description',
  refundDue: 'calendar.refundDue.description',
};

const HISTORY_KEYS: Record<PastAction['kind'], MessageKey> = {
  form: 'caseFile.history.form',
  email: 'caseFile.history.email',
  phone: 'caseFile.history.phone',
  registeredLetter: 'caseFile.history.registeredLetter',
  directorAppeal: 'caseFile.history.directorAppeal',
  mediator: 'caseFile.history.mediator',
};

const OUTCOME_KEYS: Record<ActionOutcome, MessageKey> = {
  refused: 'caseFile.outcome.refused',
  unanswered: 'caseFile.outcome.unanswered',
  unknown: 'caseFile.outcome.unknown',
};

const STEP_KEYS: Record<EscalationStep, MessageKey> = {
  contact: 'caseFile.step.contact',
  phoneFollowUp: 'caseFile.step.phoneFollowUp',
  registeredLetter: 'caseFile.step.registeredLetter',
  directorAppeal: 'caseFile.step.directorAppeal',
  mediator: 'caseFile.step.mediator',
};

export interface CaseFileSection {
  heading: string;
  lines: string[];
  /** Shown as a bulleted list even with one line. */
  list?: boolean;
}

export interface CaseFileText {
  title: string;
  madeOn: string;
  sections: CaseFileSection[];
}

const dateIn = (lang: Lang, value: string | undefined): string => (isIsoDate(value) ? longDate(value, lang) : t(lang, 'caseFile.dateUnknown'));

const amountIn = (lang: Lang, cents: number): string =>
  lang === 'fr' ? euros(cents) : new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(cents / 100);

/** Routes whose restate sentence is filed under another name. */
const RESTATE_KEYS: Record<string, MessageKey> = { refundDelay: 'refund.restate', noAnswer: 'escalation.restate' };

/** The problem in one sentence: the route's `<problem>.restate` sentence when the catalogue has one, else a generic one. */
export function problemSentence(lang: Lang, problem: string): string {
  const key = `${problem}.restate`;
  if (isMessageKey(key)) return t(lang, key);
  return Object.prototype.hasOwnProperty.call(RESTATE_KEYS, problem) ? t(lang, RESTATE_KEYS[problem]) : t(lang, 'caseFile.problemGeneric');
}

export function caseFileSections(input: { file: CaseFile; lang: Lang; today: string; letters: readonly LetterKind[] }): CaseFileText {
  const { file, lang, today, letters } = input;
  const facts: string[] = [problemSentence(lang, file.problem)];
  if (isIsoDate(file.registeredOn)) facts.push(t(lang, 'caseFile.registeredOn', { date: longDate(file.registeredOn, lang) }));
  if (isIsoDate(file.paidOn)) facts.push(t(lang, 'caseFile.paidOn', { date: longDate(file.paidOn, lang) }));
  if (isIsoDate(file.withdrawnOn)) facts.push(t(lang, 'caseFile.withdrawnOn', { date: longDate(file.withdrawnOn, lang) }));
  if (file.orderNumber) facts.push(t(lang, 'caseFile.orderNumber', { number: file.orderNumber }));
  if (typeof file.amountCents === 'number' && Number.isSafeInteger(file.amountCents) && file.amountCents >= 0) {
    facts.push(t(lang, 'caseFile.amount', { amount: amountIn(lang, file.amountCents) }));
  }

  const history = file.history.length
    ? file.history.map((action) =>
        t(lang, 'caseFile.historyLine', {
          action: t(lang, HISTORY_KEYS[action.kind], { date: dateIn(lang, action.on) }),
          outcome: t(lang, OUTCOME_KEYS[action.outcome]),
        }),
      )
    : [t(lang, 'caseFile.historyNone')];

  const next = file.next
    ? [
        file.next.availableNow || !isIsoDate(file.next.from) || file.next.from <= today
          ? t(lang, 'caseFile.nextNow', { step: t(lang, STEP_KEYS[file.next.step]) })
          : t(lang, 'caseFile.nextFrom', { step: t(lang, STEP_KEYS[file.next.step]), date: longDate(file.next.from, lang) }),
      ]
    : [t(lang, 'caseFile.nextUnknown')];

  const deadlines = file.deadlines.filter((d) => isIsoDate(d.date));
  const dates = deadlines.length
    ? [...deadlines]
        .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
        .map((d) =>
          t(lang, d.estimate ? 'caseFile.deadlineEstimate' : 'caseFile.deadline', { title: t(lang, CALENDAR_TITLE_KEYS[d.kind]), date: longDate(d.date, lang) }),
        )
    : [t(lang, 'caseFile.deadlinesNone')];

  const keep: MessageKey[] = ['caseFile.keep.registration', 'caseFile.keep.exchanges', 'caseFile.keep.letters'];
  if (isIsoDate(file.withdrawnOn)) keep.push('caseFile.keep.withdrawal');

  return {
    title: t(lang, 'caseFile.title'),
    madeOn: t(lang, 'caseFile.madeOn', { date: longDate(today, lang) }),
    sections: [
      { heading: t(lang, 'caseFile.problemTitle'), lines: facts },
      { heading: t(lang, 'caseFile.historyTitle'), lines: history, list: true },
      { heading: t(lang, 'caseFile.nextTitle'), lines: next },
      { heading: t(lang, 'caseFile.deadlinesTitle'), lines: dates, list: true },
      { heading: t(lang, 'caseFile.keepTitle'), lines: keep.map((key) => t(lang, key)), list: true },
      {
        heading: t(lang, 'caseFile.lettersTitle'),
        lines: letters.length ? letters.map((kind) => t(lang, LETTER_TITLE_KEYS[kind])) : [t(lang, 'caseFile.lettersNone')],
        list: true,
      },
    ],
  };
}
