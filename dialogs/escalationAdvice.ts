/** Turns the escalation rule's advice into what the user reads: the next step, from when, and where. */
import type { TurnContext } from 'botbuilder';
import type { EscalationAdvice } from '../src/rules/escalation';
import type { ActionKind, PastAction } from '../src/domain/types';
import type { MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import { defenderCard, formCard, mediatorCard, phoneCard, postalCard } from './cards';
import { dateFor, msg } from './say';

const ACTION_KEYS: Record<ActionKind, MessageKey> = {
  form: 'history.form',
  email: 'history.email',
  phone: 'history.phone',
  registeredLetter: 'history.registeredLetter',
  directorAppeal: 'history.directorAppeal',
  mediator: 'history.mediator',
};

const OUTCOME_KEYS = {
  refused: 'history.refused',
  unanswered: 'history.unanswered',
  unknown: 'history.unknownOutcome',
} as const satisfies Record<PastAction['outcome'], MessageKey>;

/** "formulaire (sans réponse), lettre recommandée (refusée, 12 octobre 2026)". */
export function historySummary(context: TurnContext, history: readonly PastAction[]): string {
  return history
    .map((action) => {
      const details = [msg(context, OUTCOME_KEYS[action.outcome])];
      if (action.on) details.push(dateFor(context, action.on));
      return `${msg(context, ACTION_KEYS[action.kind])} (${details.join(', ')})`;
    })
    .join(' ; ');
}

export function escalationViews(context: TurnContext, advice: EscalationAdvice, registered: boolean | undefined): View[] {
  const from = dateFor(context, advice.from);
  const text = (key: MessageKey, params?: Record<string, string>): View => ({ kind: 'text', text: msg(context, key, params) });
  switch (advice.next) {
    case 'contact':
      return [text('escalation.nextContact'), formCard(context, registered ?? true), phoneCard(context)];
    case 'phoneFollowUp':
      return [text(advice.availableNow ? 'escalation.nextPhoneFollowUpNow' : 'escalation.nextPhoneFollowUpFrom', { from }), phoneCard(context)];
    case 'registeredLetter':
      return [text('escalation.nextRegisteredLetter'), postalCard(context, 'postal.recipientService'), text('escalation.acknowledgement')];
    case 'directorAppeal': {
      const views = [text(advice.availableNow ? 'escalation.nextDirectorAppealNow' : 'escalation.nextDirectorAppealFrom', { from })];
      if (advice.mediatorFrom) views.push(text('escalation.mediatorAlsoFrom', { date: dateFor(context, advice.mediatorFrom) }));
      if (advice.estimatedFromSending && !advice.availableNow) views.push(text('escalation.receiptEstimate'));
      views.push(postalCard(context, 'postal.recipientDirector'));
      return views;
    }
    case 'mediator': {
      const key: MessageKey =
        advice.reason === 'mediatorInProgress'
          ? 'escalation.mediatorInProgress'
          : !advice.availableNow
            ? 'escalation.nextMediatorFrom'
            : advice.reason === 'implicitRejection'
              ? 'escalation.nextMediatorImplicit'
              : 'escalation.nextMediatorRefused';
      const implicit = advice.implicitRejectionOn ? dateFor(context, advice.implicitRejectionOn) : from;
      const views = [text(key, { from, implicit })];
      // The note goes with a date that depends on the receipt (a refusal opens the mediator at once, no date to estimate).
      if (advice.estimatedFromSending && (key === 'escalation.nextMediatorFrom' || key === 'escalation.nextMediatorImplicit')) views.push(text('escalation.receiptEstimate'));
      return [...views, mediatorCard(context), defenderCard(context), text('mediator.courtDeadlines')];
    }
  }
}
