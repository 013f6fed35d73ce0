import { DateTime } from 'luxon';
import { PastAction } from '../../src/domain/types';
import { addDays, addMonths } from '../../src/rules/calendar';
import { EscalationAdvice, nextEscalationStep } from '../../src/rules/escalation';

const NOW = DateTime.fromISO('2026-11-25T10:00', { zone: 'Europe/Paris' });
const TODAY = '2026-11-25';
const ago = (days: number): string => addDays(TODAY, -days);
const inDays = (days: number): string => addDays(TODAY, days);

const form = (on: string | undefined, outcome: PastAction['outcome'] = 'unanswered'): PastAction => ({ kind: 'form', on, outcome });
const phone = (on: string | undefined, outcome: PastAction['outcome'] = 'unanswered'): PastAction => ({ kind: 'phone', on, outcome });
// The ladder tables give the receipt date (the acknowledgement of receipt) equal to the sending date, so that the
// 2 months are checked exactly; estimates from the sending date alone are tested in their own block below.
const letter = (on: string | undefined, outcome: PastAction['outcome'] = 'unanswered'): PastAction => ({ kind: 'registeredLetter', on, outcome, receivedOn: on });
const appeal = (on: string | undefined, outcome: PastAction['outcome'] = 'unanswered'): PastAction => ({ kind: 'directorAppeal', on, outcome, receivedOn: on });
const mediator = (on?: string): PastAction => ({ kind: 'mediator', on, outcome: 'unknown' });

type Expected = Pick<EscalationAdvice, 'next' | 'from' | 'availableNow' | 'reason'> & Partial<EscalationAdvice>;
const now = (next: EscalationAdvice['next'], reason: EscalationAdvice['reason'], extra: Partial<EscalationAdvice> = {}): Expected => ({
  next,
  from: TODAY,
  availableNow: true,
  reason,
  ...extra,
});
const later = (next: EscalationAdvice['next'], from: string, reason: EscalationAdvice['reason'], extra: Partial<EscalationAdvice> = {}): Expected => ({
  next,
  from,
  availableNow: false,
  reason,
  ...extra,
});

/** Checks the advice, including that optional fields are absent when not expected. */
function expectAdvice(history: PastAction[], expected: Expected): void {
  const advice = nextEscalationStep(history, NOW);
  expect(advice).toEqual({ implicitRejectionOn: undefined, mediatorFrom: undefined, ...expected });
}

describe('steps 1-3: contact, follow-up, registered letter', () => {
  test.each([
    ['nothing done', [], now('contact', 'nothingYet')],
    ['form 5 days ago', [form(ago(5))], later('phoneFollowUp', inDays(16), 'waitForAnswer')],
    ['form 20 days ago', [form(ago(20))], later('phoneFollowUp', inDays(1), 'waitForAnswer')],
    ['form exactly 21 days ago', [form(ago(21))], now('phoneFollowUp', 'followUpDue')],
    ['form 30 days ago', [form(ago(30))], now('phoneFollowUp', 'followUpDue')],
    ['form undated', [form(undefined)], now('phoneFollowUp', 'followUpDue')],
    ['form, outcome unknown, 30 days ago', [form(ago(30), 'unknown')], now('phoneFollowUp', 'followUpDue')],
    ['phone 5 days ago, no call back', [phone(ago(5))], later('phoneFollowUp', inDays(16), 'waitForAnswer')],
    ['phone undated, no call back', [phone(undefined)], now('phoneFollowUp', 'followUpDue')],
    ['phone alone, undated, outcome unknown', [phone(undefined, 'unknown')], now('registeredLetter', 'contactUnanswered')],
    ['form 30 days ago then phone follow-up', [form(ago(30)), phone(ago(2))], now('registeredLetter', 'contactUnanswered')],
    ['form and phone follow-up, both undated', [form(undefined), phone(undefined, 'unknown')], now('registeredLetter', 'contactUnanswered')],
    ['two undated calls', [phone(undefined, 'unknown'), phone(undefined, 'unknown')], now('registeredLetter', 'contactUnanswered')],
    // The 21 days still run from the form even if the user already called once: call again after 3 weeks.
    ['form 10 days ago, early call 2 days ago', [form(ago(10)), phone(ago(2))], later('phoneFollowUp', inDays(11), 'waitForAnswer')],
    // A call that only pointed to the form does not start the 21 days, nor count as the follow-up.
    ['call 60 days ago then form 5 days ago', [phone(ago(60), 'unknown'), form(ago(5))], later('phoneFollowUp', inDays(16), 'waitForAnswer')],
    ['call (undated) then form (undated)', [phone(undefined, 'unknown'), form(undefined)], now('phoneFollowUp', 'followUpDue')],
    ['form sent twice, the first 40 days ago', [form(ago(40)), form(ago(5))], now('phoneFollowUp', 'followUpDue')],
    ['all dated, listed out of order', [phone(ago(2)), form(ago(30))], now('registeredLetter', 'contactUnanswered')],
    ['form refused', [form(ago(3), 'refused')], now('registeredLetter', 'contactUnanswered')],
    ['phone refused, undated', [phone(undefined, 'refused')], now('registeredLetter', 'contactUnanswered')],
    ['form unanswered, then a refusal on the phone', [form(ago(4)), phone(ago(1), 'refused')], now('registeredLetter', 'contactUnanswered')],
  ] as [string, PastAction[], Expected][])('%s', (_name, history, expected) => {
    expectAdvice(history, expected);
  });
});

describe('step 4: after a registered letter', () => {
  test.each([
    ['letter refused', [form(undefined), letter(ago(10), 'refused')], now('directorAppeal', 'writtenRefused', { mediatorFrom: TODAY })],
    ['letter refused, undated', [letter(undefined, 'refused')], now('directorAppeal', 'writtenRefused', { mediatorFrom: TODAY })],
    [
      'letter unanswered 3 weeks ago',
      [form(ago(60)), letter(ago(21))],
      later('directorAppeal', addMonths(ago(21), 2), 'writtenPending', { implicitRejectionOn: addMonths(ago(21), 2), mediatorFrom: addMonths(ago(21), 2) }),
    ],
    [
      'letter, outcome unknown, 1 week ago (silence so far)',
      [letter(ago(7), 'unknown')],
      later('directorAppeal', addMonths(ago(7), 2), 'writtenPending', { implicitRejectionOn: addMonths(ago(7), 2), mediatorFrom: addMonths(ago(7), 2) }),
    ],
    [
      'letter sent the day before 2 months ago',
      [letter('2026-09-26')],
      later('directorAppeal', '2026-11-26', 'writtenPending', { implicitRejectionOn: '2026-11-26', mediatorFrom: '2026-11-26' }),
    ],
    // Boundary: the implicit rejection is acquired on the day two months after sending. Like a written refusal, it
    // opens the mediator, and the ladder offers the appeal to the Director General first.
    ['letter sent exactly 2 months ago', [letter('2026-09-25')], now('directorAppeal', 'implicitRejection', { implicitRejectionOn: TODAY, mediatorFrom: TODAY })],
    ['letter unanswered 3 months ago', [letter('2026-08-20')], now('directorAppeal', 'implicitRejection', { implicitRejectionOn: '2026-10-20', mediatorFrom: TODAY })],
    [
      'letter unanswered 3 months ago, then an appeal: the mediator',
      [letter('2026-08-20'), appeal(ago(10))],
      now('mediator', 'implicitRejection', { implicitRejectionOn: expect.any(String), mediatorFrom: TODAY }),
    ],
    // Undated: long enough ago to appeal, but no date for the implicit rejection, so no mediator date.
    ['letter unanswered, undated', [form(undefined), letter(undefined)], now('directorAppeal', 'writtenPending')],
    [
      'month end: letter 30 Sept -> rejection 30 Nov',
      [letter('2026-09-30')],
      later('directorAppeal', '2026-11-30', 'writtenPending', { implicitRejectionOn: '2026-11-30', mediatorFrom: '2026-11-30' }),
    ],
  ] as [string, PastAction[], Expected][])('%s', (_name, history, expected) => {
    expectAdvice(history, expected);
  });

  test('month end clamps: letter 31 Dec -> implicit rejection 28 Feb', () => {
    const feb28 = DateTime.fromISO('2027-02-28T09:00', { zone: 'Europe/Paris' });
    const feb27 = DateTime.fromISO('2027-02-27T09:00', { zone: 'Europe/Paris' });
    expect(nextEscalationStep([letter('2026-12-31')], feb27)).toMatchObject({ next: 'directorAppeal', from: '2027-02-28', availableNow: false });
    expect(nextEscalationStep([letter('2026-12-31')], feb28)).toMatchObject({ next: 'directorAppeal', availableNow: true, reason: 'implicitRejection', mediatorFrom: '2027-02-28' });
  });
});

describe('step 5: after an appeal to the Director General', () => {
  test.each([
    ['appeal refused', [letter(ago(90), 'refused'), appeal(ago(10), 'refused')], now('mediator', 'writtenRefused', { mediatorFrom: TODAY })],
    ['appeal refused, no letter before', [appeal(undefined, 'refused')], now('mediator', 'writtenRefused', { mediatorFrom: TODAY })],
    [
      'appeal unanswered, the letter was refused',
      [letter(ago(60), 'refused'), appeal(ago(7))],
      now('mediator', 'writtenRefused', { mediatorFrom: TODAY, implicitRejectionOn: addMonths(ago(7), 2) }),
    ],
    [
      'appeal unanswered 3 weeks, nothing refused, no letter',
      [appeal(ago(21))],
      later('mediator', addMonths(ago(21), 2), 'writtenPending', { implicitRejectionOn: addMonths(ago(21), 2), mediatorFrom: addMonths(ago(21), 2) }),
    ],
    [
      'appeal unanswered 3 weeks, undated letter unanswered',
      [letter(undefined), appeal(ago(21))],
      later('mediator', addMonths(ago(21), 2), 'writtenPending', { implicitRejectionOn: addMonths(ago(21), 2), mediatorFrom: addMonths(ago(21), 2) }),
    ],
    // The earlier letter's own implicit rejection opens the mediator first.
    [
      'letter unanswered 6 weeks ago, appeal 1 week ago',
      [letter(ago(42)), appeal(ago(7))],
      later('mediator', addMonths(ago(42), 2), 'writtenPending', { implicitRejectionOn: addMonths(ago(7), 2), mediatorFrom: addMonths(ago(42), 2) }),
    ],
    [
      'letter unanswered 10 weeks ago, appeal 1 week ago',
      [letter(ago(70)), appeal(ago(7))],
      now('mediator', 'implicitRejection', { implicitRejectionOn: addMonths(ago(7), 2), mediatorFrom: TODAY }),
    ],
    [
      'appeal unanswered for 2 months and a day',
      [appeal(addDays(addMonths(TODAY, -2), -1))],
      now('mediator', 'implicitRejection', { implicitRejectionOn: ago(1), mediatorFrom: TODAY }),
    ],
    // No date: the mediator is next but its date is unknown (from = today, not available now).
    ['appeal unanswered, undated, nothing refused', [letter(undefined), appeal(undefined)], later('mediator', TODAY, 'writtenPending')],
  ] as [string, PastAction[], Expected][])('%s', (_name, history, expected) => {
    expectAdvice(history, expected);
  });
});

describe('mediator already asked', () => {
  test.each([
    ['mediator alone', [mediator()]],
    ['the whole ladder, then the mediator', [form(ago(200)), phone(ago(170)), letter(ago(150), 'refused'), appeal(ago(100)), mediator(ago(5))]],
  ] as [string, PastAction[]][])('%s -> mediatorInProgress', (_name, history) => {
    expectAdvice(history, now('mediator', 'mediatorInProgress', { mediatorFrom: TODAY }));
  });
});

describe("the seed's third complaint ends at the mediator, available now", () => {
  // "Un 1er appel ... formulaire ... aucune réponse. Courrier en recommandé ... relance par téléphone après 3 semaines;
  //  réponse négative. Recours auprès du Directeur général ... 7 semaines que j'attends."
  test.each(['2026-07-14T10:00', '2026-11-25T10:00', '2027-01-01T00:00', '2026-03-29T03:30', '2026-10-25T23:59'])('at %s', (iso) => {
    const at = DateTime.fromISO(iso, { zone: 'Europe/Paris' });
    const today = at.toISODate() ?? '';
    const appealOn = addDays(today, -49); // 7 weeks
    const letterOn = addDays(appealOn, -35);
    const history: PastAction[] = [
      phone(undefined, 'unknown'),
      form(addDays(letterOn, -30)),
      { kind: 'registeredLetter', on: letterOn, outcome: 'refused' },
      phone(addDays(letterOn, 21), 'unknown'),
      appeal(appealOn),
    ];
    expect(nextEscalationStep(history, at)).toEqual({
      next: 'mediator',
      from: today,
      availableNow: true,
      reason: 'writtenRefused',
      mediatorFrom: today,
      implicitRejectionOn: addMonths(appealOn, 2), // about a week away: the appeal itself is not yet rejected
    });
  });

  test('the short version (form unanswered, letter refused, appeal 7 weeks) with undated form and letter', () => {
    const history: PastAction[] = [form(undefined), letter(undefined, 'refused'), appeal(ago(49))];
    expect(nextEscalationStep(history, NOW)).toMatchObject({ next: 'mediator', availableNow: true, from: TODAY });
  });
});

describe('invalid histories', () => {
  test.each([
    ['a form dated tomorrow', [form(inDays(1))]],
    ['a letter dated next year', [letter('2027-01-10')]],
    ['a malformed date', [form('25/11/2026')]],
    ['an impossible date', [appeal('2026-02-30')]],
  ] as [string, PastAction[]][])('%s throws a RangeError', (_name, history) => {
    expect(() => nextEscalationStep(history, NOW)).toThrow(RangeError);
  });

  test('an action dated today is fine', () => {
    expect(nextEscalationStep([form(TODAY)], NOW)).toMatchObject({ reason: 'waitForAnswer', from: inDays(21) });
  });

  test('today is the Paris date of now', () => {
    const lateEveningUtc = DateTime.fromISO('2026-11-25T23:30:00Z', { zone: 'utc' }); // 26 Nov in Paris
    expect(nextEscalationStep([form('2026-11-05')], lateEveningUtc)).toMatchObject({ reason: 'followUpDue', from: '2026-11-26' });
  });
});

describe('implicit rejection runs from receipt (CRPA L231-4); from the sending date it is an estimate', () => {
  const sentOnly = (kind: 'registeredLetter' | 'directorAppeal', on: string): PastAction => ({ kind, on, outcome: 'unanswered' });
  test.each([
    // Sent Tuesday 6 Oct 2026: received (estimate) Thursday 8 Oct; rejected 8 Dec.
    ['letter sent on a Tuesday', sentOnly('registeredLetter', '2026-10-06'), '2026-12-08'],
    // Sent Friday 6 Nov: the weekend does not count, received Tuesday 10 Nov; 11 Nov is a holiday but it is after.
    ['letter sent on a Friday', sentOnly('registeredLetter', '2026-11-06'), '2027-01-10'],
    // Sent Monday 9 Nov: Tuesday 10, then Wednesday 11 Nov is a holiday -> Thursday 12 Nov.
    ['appeal sent before a public holiday', sentOnly('directorAppeal', '2026-11-09'), '2027-01-12'],
  ])('%s', (_name, action, rejection) => {
    const advice = nextEscalationStep([action], NOW);
    expect(advice).toMatchObject({ implicitRejectionOn: rejection, estimatedFromSending: true, availableNow: false });
  });

  test('the acknowledgement of receipt gives the exact date: no estimate', () => {
    const action: PastAction = { kind: 'registeredLetter', on: '2026-10-06', receivedOn: '2026-10-09', outcome: 'unanswered' };
    const advice = nextEscalationStep([action], NOW);
    expect(advice.implicitRejectionOn).toBe('2026-12-09');
    expect(advice.estimatedFromSending).toBeUndefined();
  });

  test('an e-mail is a contact like the form: follow up by phone after 3 weeks', () => {
    expect(nextEscalationStep([{ kind: 'email', on: ago(5), outcome: 'unanswered' }], NOW)).toMatchObject({ next: 'phoneFollowUp', from: inDays(16) });
  });
});
