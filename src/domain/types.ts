/** Shared vocabulary of the assistant: languages, intents, the user's history. */

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** The problems users bring (domain-facts.md, "Problems users bring"). */
export const PROBLEMS = [
  'lostCredentials',
  'missingAccessCodes',
  'withdrawal',
  'cancellation',
  'updateDetails',
  'adminProcedure',
  'parcelOldAddress',
  'internshipProblem',
  'refundDelay',
  'noAnswer',
] as const;
export type Problem = (typeof PROBLEMS)[number];

/** Questions about one contact channel. */
export const CONTACT_TOPICS = [
  'contactPhone',
  'contactFax',
  'contactPostal',
  'contactSocial',
  'contactMediator',
  'contactFaq',
] as const;
export type ContactTopic = (typeof CONTACT_TOPICS)[number];

export const INTENTS = [...PROBLEMS, ...CONTACT_TOPICS, 'greeting', 'help'] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

/** Steps of the escalation ladder (domain-facts.md), in order. */
export const ESCALATION_STEPS = ['contact', 'phoneFollowUp', 'registeredLetter', 'directorAppeal', 'mediator'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** Something the user already did to reach CNED. */
export type ActionKind = 'form' | 'phone' | 'registeredLetter' | 'directorAppeal' | 'mediator';
/** What came of it: refused (negative answer), unanswered (nothing yet), or unknown. */
export type ActionOutcome = 'refused' | 'unanswered' | 'unknown';

export interface PastAction {
  kind: ActionKind;
  /** ISO date (yyyy-mm-dd, Europe/Paris) when it was done, when known. */
  on?: string;
  outcome: ActionOutcome;
}
