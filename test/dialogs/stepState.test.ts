/** Typed step data (dialogs/stepState.ts): what each guard accepts and refuses, and the accessors on a real step. */
import { DialogSet, DialogState, DialogTurnStatus, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ConversationState, MemoryStorage, TestAdapter, TurnContext } from 'botbuilder';
import {
  StepStateError,
  answerOf,
  isDateAnswer,
  isExtractedFacts,
  isHistoryAnswer,
  isWaitingAnswer,
  optionsOf,
  resultOf,
  valuesOf,
  fields,
  optional,
  isString,
  Guard,
} from '../../dialogs/stepState';
import { isRouteResult } from '../../dialogs/routeDialog';
import { isAskOptions } from '../../dialogs/prompts/askDialog';
import { routeTitle } from '../../dialogs/prompts/choiceSets';
import { ROUTE_KEYS, LANGS } from '../../src/domain/types';

describe('guards', () => {
  test.each<[string, Guard<unknown>, unknown, boolean]>([
    ['a date', isDateAnswer, { iso: '2026-11-20', inferred: false }, true],
    ['"unknown"', isDateAnswer, 'unknown', true],
    ['"sameDay"', isDateAnswer, 'sameDay', true],
    ['an impossible date', isDateAnswer, { iso: '2026-02-30', inferred: false }, false],
    ['a date without "inferred"', isDateAnswer, { iso: '2026-11-20' }, false],
    ['another word', isDateAnswer, 'yesterday', false],
    ['a number of days', isWaitingAnswer, 45, true],
    ['"unknown" days', isWaitingAnswer, 'unknown', true],
    ['days as text', isWaitingAnswer, '45', false],
    ['not a number', isWaitingAnswer, Number.NaN, false],
    ['steps taken', isHistoryAnswer, [{ kind: 'email', outcome: 'unanswered' }, { kind: 'phone', on: '2026-11-02', outcome: 'refused' }], true],
    ['"none"', isHistoryAnswer, 'none', true],
    ['an unknown step', isHistoryAnswer, [{ kind: 'pigeon', outcome: 'unanswered' }], false],
    ['a step without outcome', isHistoryAnswer, [{ kind: 'phone' }], false],
    ['facts', isExtractedFacts, { history: [], registeredOn: '2026-11-01', waiting: { amount: 3, unit: 'week', days: 21 }, inferred: ['registeredOn'] }, true],
    ['facts without history', isExtractedFacts, { registeredOn: '2026-11-01' }, false],
    ['facts with a bad unit', isExtractedFacts, { history: [], waiting: { amount: 3, unit: 'fortnight', days: 42 } }, false],
    ['facts as an array', isExtractedFacts, [], false],
    ['a route done', isRouteResult, { kind: 'done' }, true],
    ['a route done with a file', isRouteResult, { kind: 'done', file: { problem: 'noAnswer', history: [], deadlines: [] } }, true],
    ['a switch', isRouteResult, { kind: 'switch', text: 'autre chose' }, true],
    ['a switch without text', isRouteResult, { kind: 'switch' }, false],
    ['a bad file', isRouteResult, { kind: 'done', file: { problem: 'noAnswer' } }, false],
    ['a question', isAskOptions, { question: 'menu.question', choices: 'problems' }, true],
    ['a confirmation', isAskOptions, { question: 'understand.confirm', choices: { routes: ['withdrawal', 'cancellation'], last: 'somethingElse' } }, true],
    ['an unknown message key', isAskOptions, { question: 'menu.nope', choices: 'problems' }, false],
    ['an unknown choice set', isAskOptions, { question: 'menu.question', choices: 'nope' }, false],
    ['an unknown route', isAskOptions, { question: 'understand.confirm', choices: { routes: ['nope'], last: 'somethingElse' } }, false],
  ])('%s', (_name, guard, value, expected) => {
    expect(guard(value)).toBe(expected);
  });

  test('every route has a button title in both languages', () => {
    for (const lang of LANGS) for (const route of ROUTE_KEYS) expect(routeTitle(route, lang)).not.toBe('');
  });
});

/** Runs one waterfall step on a fresh turn and returns what `read` gives, or the error it throws. */
async function onStep<T>(setup: { options?: object; values?: object; result?: unknown }, read: (step: WaterfallStepContext) => T): Promise<T | Error> {
  const adapter = new TestAdapter();
  const state = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialog'));
  let outcome: T | Error = new Error('step not run');
  dialogs.add(
    new WaterfallDialog('flow', [
      async (step) => {
        Object.assign(step.values, setup.values ?? {});
        return step.next(setup.result);
      },
      async (step) => {
        try {
          outcome = read(step);
        } catch (error) {
          outcome = error instanceof Error ? error : new Error(String(error));
        }
        return step.endDialog();
      },
    ]),
  );
  const context = new TurnContext(adapter, { type: 'message', text: 'hi', channelId: 'test', conversation: { id: 'c', isGroup: false, conversationType: '', name: '' }, from: { id: 'u', name: '' }, recipient: { id: 'b', name: '' }, serviceUrl: 'http://localhost' });
  const dc = await dialogs.createContext(context);
  const turn = await dc.beginDialog('flow', setup.options);
  expect(turn.status).toBe(DialogTurnStatus.complete);
  return outcome;
}

interface Kept {
  name?: string;
}
const isKept = fields<Kept>({ name: optional(isString) });

describe('accessors on a real step', () => {
  test.each<[string, { options?: object; values?: object; result?: unknown }, (step: WaterfallStepContext) => unknown, unknown]>([
    ['values of the expected shape', { values: { name: 'x' } }, (step) => valuesOf(step, isKept).name, 'x'],
    ['empty values', {}, (step) => valuesOf(step, isKept).name, undefined],
    ['values of another shape throw', { values: { name: 3 } }, (step) => valuesOf(step, isKept), new StepStateError('values')],
    ['no options: {}', {}, (step) => optionsOf(step, isKept), {}],
    ['options of another shape throw', { options: { name: [] } }, (step) => optionsOf(step, isKept), new StepStateError('options')],
    ['an answer of the expected type', { result: { kind: 'answer', value: 'sameDay' } }, (step) => answerOf(step, isDateAnswer), 'sameDay'],
    ['an answer of another type', { result: { kind: 'answer', value: 12 } }, (step) => answerOf(step, isDateAnswer), undefined],
    ['a result that is no answer', { result: 'sameDay' }, (step) => answerOf(step, isDateAnswer), undefined],
    ['a result of the expected type', { result: { kind: 'switch', text: 't' } }, (step) => resultOf(step, isRouteResult), { kind: 'switch', text: 't' }],
    ['no result', {}, (step) => resultOf(step, isRouteResult), undefined],
  ])('%s', async (_name, setup, read, expected) => {
    expect(await onStep(setup, read)).toEqual(expected);
  });

  test('the values are the stored object: what a step sets is kept', async () => {
    const kept = await onStep({ values: { name: 'a' } }, (step) => {
      valuesOf(step, isKept).name = 'b';
      return valuesOf(step, isKept).name;
    });
    expect(kept).toBe('b');
  });
});
