/** Shared vocabulary of the assistant: languages, intents, the user's history. */

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export function isLang(value: unknown): value is Lang {
  return value === 'fr' || value === 'en';
}

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
  // Families beyond the source's list (domain-facts.md, "Problems beyond the source's list").
  'pedagogy',
  'examsDiplomas',
  'documents',
  'debitDispute',
  'collectionLetter',
  'paymentPlan',
  'technicalIssue',
  'materialsNotReceived',
  'enrolmentRefused',
  'healthAbsence',
  'disability',
  'personalData',
] as const;
export type Problem = (typeof PROBLEMS)[number];

/** The source's own problems, shown first in the menu; the other families sit behind "another problem". */
export const SOURCE_PROBLEMS = PROBLEMS.slice(0, 10) as readonly Problem[];
export const OTHER_PROBLEMS = PROBLEMS.slice(10) as readonly Problem[];

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

/** What a message can be that is no CNED problem: answered without restating any problem. */
export const NON_PROBLEM_INTENTS = ['greeting', 'help', 'thanks', 'anger', 'outOfScope'] as const;
export type NonProblemIntent = (typeof NON_PROBLEM_INTENTS)[number];

export const INTENTS = [...PROBLEMS, ...CONTACT_TOPICS, ...NON_PROBLEM_INTENTS] as const;
export type Intent = (typeof INTENTS)[number];

/** A problem or a contact question: what a route of the dialog tree answers. */
export type RouteKey = Problem | ContactTopic;
export const ROUTE_KEYS: readonly RouteKey[] = [...PROBLEMS, ...CONTACT_TOPICS];

export function isRouteKey(value: unknown): value is RouteKey {
  return typeof value === 'string' && (ROUTE_KEYS as readonly string[]).includes(value);
}

export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}

/** Steps of the escalation ladder (domain-facts.md), in order. */
export const ESCALATION_STEPS = ['contact', 'phoneFollowUp', 'registeredLetter', 'directorAppeal', 'mediator'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

/** Something the user already did to reach CNED. */
export const ACTION_KINDS = ['form', 'email', 'phone', 'registeredLetter', 'directorAppeal', 'mediator'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];
/** What came of it: refused (negative answer), unanswered (nothing yet), or unknown. */
export type ActionOutcome = 'refused' | 'unanswered' | 'unknown';

export interface PastAction {
  kind: ActionKind;
  /** ISO date (yyyy-mm-dd, Europe/Paris) when it was done, when known. */
  on?: string;
  outcome: ActionOutcome;
  /** ISO date CNED received it (a registered letter's acknowledgement of receipt), when known. */
  receivedOn?: string;
}
