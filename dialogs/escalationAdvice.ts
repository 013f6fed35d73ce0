/** Turns the escalation rule's advice into what the user reads: the next step, from when, and where. */
import type { EscalationAdvice } from '../src/rules/escalation';
import type { ActionKind, PastAction } from '../src/domain/types';
import { t, type MessageKey } from '../src/i18n/messages';
import type { View } from '../src/rendering/view';
import { defenderCard, formCard, mediatorCard, phoneCard, postalCard, type PhoneCardTurn } from './cards';
import { formatDate } from './say';
import type { TurnInfo } from '../src/domain/turnInfo';

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
export function historySummary(turn: Pick<TurnInfo, 'lang' | 'locale'>, history: readonly PastAction[]): string {
  return history
    .map((action) => {
      const details = [t(turn.lang, OUTCOME_KEYS[action.outcome])];
      if (action.on) details.push(formatDate(turn.lang, action.on, turn.locale));
      return `${t(turn.lang, ACTION_KEYS[action.kind])} (${details.join(', ')})`;
    })
    .join(' ; ');
}

export function escalationViews(turn: PhoneCardTurn, advice: EscalationAdvice, registered: boolean | undefined): View[] {
  const from = formatDate(turn.lang, advice.from, turn.locale);
  const text = (key: MessageKey, params?: Record<string, string>): View => ({ kind: 'text', text: t(turn.lang, key, params) });
  switch (advice.next) {
    case 'contact':
      return [text('escalation.nextContact'), formCard(turn, registered ?? true), phoneCard(turn)];
    case 'phoneFollowUp':
      return [text(advice.availableNow ? 'escalation.nextPhoneFollowUpNow' : 'escalation.nextPhoneFollowUpFrom', { from }), phoneCard(turn)];
    case 'registeredLetter':
      return [text('escalation.nextRegisteredLetter'), postalCard(turn, 'postal.recipientService'), text('escalation.acknowledgement')];
    case 'directorAppeal': {
      const views = [text(advice.availableNow ? 'escalation.nextDirectorAppealNow' : 'escalation.nextDirectorAppealFrom', { from })];
      if (advice.mediatorFrom) views.push(text('escalation.mediatorAlsoFrom', { date: formatDate(turn.lang, advice.mediatorFrom, turn.locale) }));
      if (advice.estimatedFromSending && !advice.availableNow) views.push(text('escalation.receiptEstimate'));
      views.push(postalCard(turn, 'postal.recipientDirector'));
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
      const implicit = advice.implicitRejectionOn ? formatDate(turn.lang, advice.implicitRejectionOn, turn.locale) : from;
      const views = [text(key, { from, implicit })];
      // The note goes with a date that depends on the receipt (a refusal opens the mediator at once, no date to estimate).
      if (advice.estimatedFromSending && (key === 'escalation.nextMediatorFrom' || key === 'escalation.nextMediatorImplicit')) views.push(text('escalation.receiptEstimate'));
      return [...views, mediatorCard(turn), defenderCard(turn), text('mediator.courtDeadlines')];
    }
  }
}
