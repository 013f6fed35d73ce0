/**
 * The six letters to CNED (issue 10), built from what the conversation established (a CaseFile) and "today".
 * Letters are in French whatever the language of the chat (domain-facts.md): their sentences live in
 * locales/fr/letters.json, a French-only catalogue by design. What the assistant never asks or stores (name,
 * postal address, learner number when no order number is known) stays a clear [placeholder].
 * Amounts and delays come from src/rules (refundAfterWithdrawal, lateRefundIncrease, withdrawalStatus,
 * nextEscalationStep); legal references follow domain-facts.md.
 */
import type { ActionOutcome, PastAction } from '../domain/types';
import type { CaseFile, LetterKind } from '../domain/caseFile';
import { CNED_FACTS } from '../facts/cned';
import { addMonths, parisDate } from '../rules/calendar';
import { refundAfterWithdrawal } from '../rules/refund';
import { withdrawalStatusIfValid } from '../rules/withdrawal';
import { nextEscalationStep } from '../rules/escalation';
import catalogue from '../../locales/fr/letters.json';
import { euros, fill, isIsoDate, longDate } from './format';

export type LetterKey = keyof typeof catalogue;

/** A sentence of the letters catalogue, placeholders filled. */
export function l(key: LetterKey, params?: Record<string, string | number>): string {
  return fill(catalogue[key], params);
}

export interface Letter {
  kind: LetterKind;
  /** Top left: who writes (placeholders for what is never asked). */
  sender: string[];
  /** Right: CNED, its Director General, or the mediator. */
  recipient: string[];
  placeDate: string;
  /** "Lettre recommandée avec avis de réception", or how the mediator is reached. */
  mode: string;
  /** "Objet : …" */
  subject: string;
  salutation: string;
  /** Paragraphs; a paragraph may hold several lines separated by "\n" (a list). */
  paragraphs: string[];
  closing: string;
  signature: string[];
  attachments: string[];
  /** For the learner, not part of the letter: how to complete and send it. */
  instructions: string[];
}

const SUBJECT_KEYS: Record<string, LetterKey> = {
  refundDelay: 'problem.refundDelay.subject',
  missingAccessCodes: 'problem.missingAccessCodes.subject',
  cancellation: 'problem.cancellation.subject',
  debitDispute: 'problem.debitDispute.subject',
  collectionLetter: 'problem.collectionLetter.subject',
};
const FACTS_KEYS: Record<string, LetterKey> = {
  refundDelay: 'problem.refundDelay.facts',
  missingAccessCodes: 'problem.missingAccessCodes.facts',
  cancellation: 'problem.cancellation.facts',
};
const ASK_KEYS: Record<string, LetterKey> = {
  refundDelay: 'problem.refundDelay.ask',
  missingAccessCodes: 'problem.missingAccessCodes.ask',
  cancellation: 'problem.cancellation.ask',
};
const HISTORY_KEYS: Record<PastAction['kind'], LetterKey> = {
  form: 'history.form',
  email: 'history.email',
  phone: 'history.phone',
  registeredLetter: 'history.registeredLetter',
  directorAppeal: 'history.directorAppeal',
  mediator: 'history.mediator',
};
const OUTCOME_KEYS: Record<ActionOutcome, LetterKey> = {
  refused: 'outcome.refused',
  unanswered: 'outcome.unanswered',
  unknown: 'outcome.unknown',
};

const own = (table: Record<string, LetterKey>, problem: string): LetterKey | undefined =>
  Object.prototype.hasOwnProperty.call(table, problem) ? table[problem] : undefined;

function problemSubject(file: CaseFile): string {
  return l(own(SUBJECT_KEYS, file.problem) ?? 'problem.generic.subject');
}
function problemFacts(file: CaseFile): string {
  return l(own(FACTS_KEYS, file.problem) ?? 'problem.generic.facts');
}
function problemAsk(file: CaseFile): string {
  return l(own(ASK_KEYS, file.problem) ?? 'problem.generic.ask');
}

/** A valid date, or undefined (what a dialog could not establish is a placeholder, never a guess). */
function dateOrUndefined(value: string | undefined, today: string): string | undefined {
  return isIsoDate(value) && value <= today ? value : undefined;
}
const dateText = (value: string | undefined): string => (value === undefined ? l('placeholder.date') : longDate(value));
const daysText = (n: number): string => l(n === 1 ? 'days.one' : 'days.many', { n });
const amountOf = (file: CaseFile): number | undefined =>
  typeof file.amountCents === 'number' && Number.isSafeInteger(file.amountCents) && file.amountCents >= 0 ? file.amountCents : undefined;
const amountText = (file: CaseFile): string => {
  const cents = amountOf(file);
  return cents === undefined ? l('placeholder.amount') : euros(cents);
};

function sender(file: CaseFile): string[] {
  const number = file.orderNumber
    ? l('sender.orderNumber', { number: file.orderNumber })
    : l('sender.learnerNumber', { number: l('placeholder.learnerNumber') });
  return [l('placeholder.name'), l('placeholder.address'), number];
}

function cnedRecipient(toDirector: boolean): string[] {
  const [name, ...rest] = CNED_FACTS.postalAddress.lines;
  return toDirector ? [name, l('recipient.director'), ...rest] : [name, ...rest];
}

/** Chronological when every action is dated (as the escalation rules read it), else in the order given. */
function ordered(history: readonly PastAction[]): PastAction[] {
  const copy = [...history];
  if (copy.every((a) => a.on !== undefined)) copy.sort((a, b) => ((a.on ?? '') < (b.on ?? '') ? -1 : (a.on ?? '') > (b.on ?? '') ? 1 : 0));
  return copy;
}

/** The history as one list paragraph (title line, then one line per action with its date and outcome). */
function historyParagraph(file: CaseFile, today: string): string[] {
  if (file.history.length === 0) return [];
  const lines = ordered(file.history).map((action) =>
    l('history.line', {
      action: l(HISTORY_KEYS[action.kind], { date: dateText(dateOrUndefined(action.on, today)) }),
      outcome: l(OUTCOME_KEYS[action.outcome]),
    }),
  );
  return [[l('history.title'), ...lines].join('\n')];
}

function introParagraphs(file: CaseFile, today: string): string[] {
  const course = l('placeholder.course');
  const registeredOn = dateOrUndefined(file.registeredOn, today);
  const paidOn = dateOrUndefined(file.paidOn, today);
  const intro = registeredOn
    ? l('intro.registered', { date: longDate(registeredOn), course })
    : l('intro.registeredNoDate', { course });
  if (!paidOn) return [intro];
  const cents = amountOf(file);
  const paid = cents === undefined ? l('intro.paid', { date: longDate(paidOn) }) : l('intro.paidAmount', { date: longDate(paidOn), amount: euros(cents) });
  return [`${intro} ${paid}`];
}

/** The refund facts of a withdrawal (L221-24, L242-4), when the withdrawal date is known. */
interface RefundFacts {
  paragraphs: string[];
  demand: string;
  instructions: string[];
}

function refundFacts(file: CaseFile, today: string): RefundFacts | undefined {
  const withdrawnOn = dateOrUndefined(file.withdrawnOn, today);
  if (!withdrawnOn) return undefined;
  const status = refundAfterWithdrawal(withdrawnOn, parisDate(today));
  const cents = amountOf(file);
  const paragraphs = [
    l('refund.withdrawn', { date: longDate(withdrawnOn) }),
    `${l('refund.due', { dueBy: longDate(status.dueBy) })} ${
      status.daysLate > 0 ? l('refund.late', { today: longDate(today), days: daysText(status.daysLate) }) : l('refund.notLate', { today: longDate(today) })
    }`,
  ];
  let demand: string;
  const increase = status.increase;
  if (increase.kind === 'percent') {
    const sentences = [l('refund.increase.percent', { days: daysText(status.daysLate), percent: increase.percent })];
    if (cents !== undefined) {
      const increaseCents = Math.round((cents * increase.percent) / 100);
      sentences.push(l('refund.increase.amount', { amount: euros(cents), increase: euros(increaseCents), total: euros(cents + increaseCents) }));
      demand = l('refund.demand.total', { total: euros(cents + increaseCents) });
    } else {
      demand = l('refund.demand.noAmount', { amount: l('placeholder.amount') });
    }
    if (increase.percent >= 100) sentences.push(l('refund.increase.cap'));
    paragraphs.push(sentences.join(' '));
  } else if (increase.kind === 'legalInterest') {
    paragraphs.push(l('refund.increase.legalInterest'));
    demand = cents !== undefined ? l('refund.demand.legalInterest', { amount: euros(cents) }) : l('refund.demand.noAmount', { amount: l('placeholder.amount') });
  } else {
    demand = l('refund.demand.total', { total: amountText(file) });
  }
  return { paragraphs, demand, instructions: [l('refund.instructions.amounts', { today: longDate(today) })] };
}

/** The latest written complaint (registered letter) of the history, if any. */
function latestComplaint(file: CaseFile): PastAction | undefined {
  return ordered(file.history)
    .filter((a) => a.kind === 'registeredLetter')
    .at(-1);
}
function latestAppeal(file: CaseFile): PastAction | undefined {
  return ordered(file.history)
    .filter((a) => a.kind === 'directorAppeal')
    .at(-1);
}

const COMMON_CLOSING = { salutation: l('salutation'), closing: l('closing') };

interface Body {
  recipient: string[];
  mode: string;
  subject: string;
  salutation: string;
  closing: string;
  paragraphs: string[];
  attachments: string[];
  instructions: string[];
}

function complaint(file: CaseFile, today: string): Body {
  const refund = refundFacts(file, today);
  return {
    recipient: cnedRecipient(false),
    mode: l('mode.registered'),
    subject: l('complaint.subject', { subject: problemSubject(file) }),
    ...COMMON_CLOSING,
    paragraphs: [
      ...introParagraphs(file, today),
      problemFacts(file),
      ...(refund?.paragraphs ?? []),
      ...historyParagraph(file, today),
      l('complaint.ask', { ask: problemAsk(file) }),
      `${l('law.acknowledgement')} ${l('law.implicitRejection')}`,
    ],
    attachments: [l('complaint.attachment.registration'), l('complaint.attachment.exchanges'), l('attachment.other')],
    instructions: [l('instructions.fill'), l('instructions.registered'), l('complaint.instructions.next')],
  };
}

function directorAppeal(file: CaseFile, today: string): Body {
  const previous = latestComplaint(file);
  const previousOn = dateOrUndefined(previous?.on, today);
  const outcome: LetterKey =
    previous?.outcome === 'refused'
      ? 'appeal.previous.refused'
      : previousOn !== undefined && addMonths(previousOn, CNED_FACTS.law.implicitRejectionMonths) <= today
        ? 'appeal.previous.implicit'
        : 'appeal.previous.unknown';
  const refund = refundFacts(file, today);
  return {
    recipient: cnedRecipient(true),
    mode: l('mode.registered'),
    subject: l('appeal.subject', { subject: problemSubject(file) }),
    salutation: l('salutation.director'),
    closing: l('closing.director'),
    paragraphs: [
      `${l('appeal.previous', { date: dateText(previousOn) })} ${l(outcome)}`,
      l('appeal.request'),
      l('appeal.facts'),
      ...introParagraphs(file, today),
      problemFacts(file),
      ...(refund?.paragraphs ?? []),
      ...historyParagraph(file, today),
      refund ? l('law.refund') : l('law.reasons'),
      l('appeal.ask', { ask: problemAsk(file) }),
      l('law.acknowledgement'),
    ],
    attachments: [
      l('appeal.attachment.complaint', { date: dateText(previousOn) }),
      ...(previous?.outcome === 'refused' ? [l('appeal.attachment.answer')] : []),
      l('complaint.attachment.registration'),
      l('attachment.other'),
    ],
    instructions: [l('instructions.fill'), l('instructions.registered'), l('appeal.instructions.next')],
  };
}

function mediator(file: CaseFile, today: string): Body {
  const complaintAction = latestComplaint(file);
  const appeal = latestAppeal(file);
  const refund = refundFacts(file, today);
  return {
    recipient: [l('recipient.mediator'), l('recipient.mediatorLink', { url: CNED_FACTS.mediator.url })],
    mode: l('mode.mediator'),
    subject: l('mediator.subject', { subject: problemSubject(file) }),
    salutation: l('salutation.mediator'),
    closing: l('closing.mediator'),
    paragraphs: [
      l('mediator.request'),
      ...introParagraphs(file, today),
      problemFacts(file),
      ...(refund?.paragraphs ?? []),
      ...historyParagraph(file, today),
      l('mediator.condition'),
      l('mediator.ask', { ask: problemAsk(file) }),
    ],
    attachments: [
      ...(complaintAction ? [l('mediator.attachment.complaint', { date: dateText(dateOrUndefined(complaintAction.on, today)) })] : []),
      ...(appeal ? [l('mediator.attachment.appeal', { date: dateText(dateOrUndefined(appeal.on, today)) })] : []),
      l('mediator.attachment.answers'),
      l('complaint.attachment.registration'),
      l('attachment.other'),
    ],
    instructions: [l('instructions.fill'), l('mediator.instructions.online', { url: CNED_FACTS.mediator.url }), l('mediator.instructions.deadlines')],
  };
}

function refundNotice(file: CaseFile, today: string): Body {
  const refund = refundFacts(file, today);
  const withdrawnPlaceholder = [
    l('refund.withdrawn', { date: l('placeholder.date') }),
    l('refund.due', { dueBy: l('placeholder.date') }),
    l('refund.increase.legalInterest'),
  ];
  return {
    recipient: cnedRecipient(false),
    mode: l('mode.registered'),
    subject: l('refund.subject'),
    ...COMMON_CLOSING,
    paragraphs: [
      ...(refund?.paragraphs ?? withdrawnPlaceholder),
      ...historyParagraph(file, today),
      refund?.demand ?? l('refund.demand.noAmount', { amount: amountText(file) }),
      l('refund.consequence'),
      l('law.acknowledgement'),
    ],
    attachments: [l('refund.attachment.withdrawal'), l('refund.attachment.payment'), l('refund.attachment.rib')],
    instructions: [l('instructions.fill'), l('instructions.registered'), ...(refund?.instructions ?? [])],
  };
}

function withdrawal(file: CaseFile, today: string): Body {
  const registeredOn = dateOrUndefined(file.registeredOn, today);
  const paidOn = dateOrUndefined(file.paidOn, today);
  const status = registeredOn || paidOn ? withdrawalStatusIfValid({ registeredOn, paidOn }, parisDate(today)) : undefined;
  const url = CNED_FACTS.forms.withdrawal.url;
  const details = [
    l('withdrawal.service', { course: l('placeholder.course') }),
    ...(file.orderNumber ? [l('sender.orderNumber', { number: file.orderNumber })] : []),
    l('withdrawal.orderedOn', { date: dateText(registeredOn) }),
    ...(paidOn ? [l('withdrawal.paidOn', { date: longDate(paidOn) })] : []),
    l('withdrawal.consumerName', { name: l('placeholder.name') }),
    l('withdrawal.consumerAddress', { address: l('placeholder.address') }),
    l('withdrawal.date', { date: longDate(today) }),
  ];
  return {
    recipient: cnedRecipient(false),
    mode: l('mode.registered'),
    subject: l('withdrawal.subject'),
    ...COMMON_CLOSING,
    paragraphs: [l('withdrawal.intro'), l('withdrawal.notice'), details.join('\n'), l('withdrawal.refund')],
    attachments: [l('withdrawal.attachment.registration')],
    instructions: [
      l('instructions.fill'),
      status?.open ? l('withdrawal.instructions.lastDay', { lastDay: longDate(status.lastDay), url }) : l('withdrawal.instructions.noDate', { url }),
    ],
  };
}

function debitContest(file: CaseFile, today: string): Body {
  const collection = file.problem === 'collectionLetter';
  const paidOn = dateOrUndefined(file.paidOn, today);
  return {
    recipient: cnedRecipient(false),
    mode: l('mode.registered'),
    subject: l(collection ? 'debit.subject.collectionLetter' : 'debit.subject.debitDispute'),
    ...COMMON_CLOSING,
    paragraphs: [
      collection
        ? l('debit.facts.collectionLetter', { date: l('placeholder.collectionDate'), amount: amountText(file) })
        : l('debit.facts.debitDispute', { date: l('placeholder.debitDate'), amount: amountText(file) }),
      paidOn ? l('debit.alreadyPaid', { date: longDate(paidOn) }) : l('debit.notOwed'),
      ...historyParagraph(file, today),
      l(collection ? 'debit.ask.collectionLetter' : 'debit.ask.debitDispute'),
      l('law.acknowledgement'),
    ],
    attachments: [l('debit.attachment.proof'), l(collection ? 'debit.attachment.letter' : 'debit.attachment.statement'), l('attachment.other')],
    instructions: [l('instructions.fill'), l('instructions.registered'), ...(collection ? [] : [l('debit.instructions.bank')]), l('debit.instructions.keep')],
  };
}

const BUILDERS: Record<LetterKind, (file: CaseFile, today: string) => Body> = {
  complaint,
  directorAppeal,
  mediator,
  refundNotice,
  withdrawal,
  debitContest,
};

/** The letter of this kind for this case, dated `today` (yyyy-mm-dd, Paris: the turn's date). */
export function buildLetter(kind: LetterKind, file: CaseFile, today: string): Letter {
  if (!isIsoDate(today)) throw new RangeError(`today must be yyyy-mm-dd, got ${today}`);
  const body = BUILDERS[kind](file, today);
  return {
    kind,
    sender: sender(file),
    recipient: body.recipient,
    placeDate: l('placeDate', { city: l('placeholder.city'), date: longDate(today) }),
    mode: body.mode,
    subject: l('subject', { subject: body.subject }),
    salutation: body.salutation,
    paragraphs: body.paragraphs,
    closing: body.closing,
    signature: [l('placeholder.signature'), l('placeholder.name')],
    attachments: body.attachments,
    instructions: body.instructions,
  };
}

/** The letter as plain text (what the chat shows and what the PDF prints), paragraphs separated by a blank line. */
export function letterText(letter: Letter): string {
  const blocks = [
    letter.sender.join('\n'),
    letter.recipient.join('\n'),
    letter.placeDate,
    `${letter.mode}\n${letter.subject}`,
    letter.salutation,
    ...letter.paragraphs,
    letter.closing,
    letter.signature.join('\n'),
    [l('attachments.title'), ...letter.attachments.map((a) => `– ${a}`)].join('\n'),
  ];
  return blocks.join('\n\n');
}

/**
 * Which letters fit this case today (pure): withdrawal while the period is open; refundNotice once a refund after
 * a withdrawal is late; complaint when the form or phone did not settle it; directorAppeal after a refused or
 * implicitly rejected written complaint; mediator once its condition is met; debitContest for a debit or a
 * collection letter.
 */
export function lettersFor(file: CaseFile, today: string): LetterKind[] {
  if (!isIsoDate(today)) throw new RangeError(`today must be yyyy-mm-dd, got ${today}`);
  const now = parisDate(today);
  const kinds: LetterKind[] = [];
  const registeredOn = dateOrUndefined(file.registeredOn, today);
  const paidOn = dateOrUndefined(file.paidOn, today);
  const withdrawnOn = dateOrUndefined(file.withdrawnOn, today);
  if (!withdrawnOn && (registeredOn || paidOn) && withdrawalStatusIfValid({ registeredOn, paidOn }, now)?.open) kinds.push('withdrawal');
  if (withdrawnOn && refundAfterWithdrawal(withdrawnOn, now).daysLate > 0) kinds.push('refundNotice');
  if (file.problem === 'debitDispute' || file.problem === 'collectionLetter') kinds.push('debitContest');
  const history = file.history.filter((a) => a.on === undefined || dateOrUndefined(a.on, today) !== undefined);
  if (history.length > 0 && history.length === file.history.length) {
    const advice = nextEscalationStep(history, now);
    const written = history.some((a) => a.kind === 'registeredLetter' || a.kind === 'directorAppeal');
    if (advice.availableNow && advice.next === 'registeredLetter') kinds.push('complaint');
    if (advice.availableNow && advice.next === 'directorAppeal' && written) kinds.push('directorAppeal');
    if (advice.availableNow && advice.next === 'mediator' && advice.reason !== 'mediatorInProgress') kinds.push('mediator');
  }
  return kinds;
}
