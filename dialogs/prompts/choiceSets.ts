/** The button sets the dialogs offer; titles and synonyms live in locales/. Stored state keeps only the set's id. */
import type { Lang } from '../../src/domain/types';
import { t, MessageKey } from '../../src/i18n/messages';
import type { ChoiceOption } from '../../src/rendering/view';
import type { RouteKey } from '../../src/domain/types';
import { normalizeText } from '../../src/understanding/normalize';

interface ChoiceSpec {
  value: string;
  title: MessageKey;
  /** A "|"-separated list of other words that pick this choice. */
  synonyms?: MessageKey;
}

const CHOICE_SETS = {
  problems: [
    { value: 'lostCredentials', title: 'choice.lostCredentials' },
    { value: 'missingAccessCodes', title: 'choice.missingAccessCodes' },
    { value: 'withdrawal', title: 'choice.withdrawal' },
    { value: 'cancellation', title: 'choice.cancellation' },
    { value: 'updateDetails', title: 'choice.updateDetails' },
    { value: 'adminProcedure', title: 'choice.adminProcedure' },
    { value: 'parcelOldAddress', title: 'choice.parcelOldAddress' },
    { value: 'internshipProblem', title: 'choice.internshipProblem' },
    { value: 'refundDelay', title: 'choice.refundDelay' },
    { value: 'noAnswer', title: 'choice.noAnswer' },
    { value: 'otherProblems', title: 'choice.otherProblems' },
    { value: 'contacts', title: 'choice.contacts' },
  ],
  otherProblems: [
    { value: 'pedagogy', title: 'choice.pedagogy' },
    { value: 'examsDiplomas', title: 'choice.examsDiplomas' },
    { value: 'documents', title: 'choice.documents' },
    { value: 'paymentPlan', title: 'choice.paymentPlan' },
    { value: 'debitDispute', title: 'choice.debitDispute' },
    { value: 'collectionLetter', title: 'choice.collectionLetter' },
    { value: 'technicalIssue', title: 'choice.technicalIssue' },
    { value: 'materialsNotReceived', title: 'choice.materialsNotReceived' },
    { value: 'enrolmentRefused', title: 'choice.enrolmentRefused' },
    { value: 'healthAbsence', title: 'choice.healthAbsence' },
    { value: 'disability', title: 'choice.disability' },
    { value: 'personalData', title: 'choice.personalData' },
  ],
  contacts: [
    { value: 'contactPhone', title: 'choice.contactPhone' },
    { value: 'contactFax', title: 'choice.contactFax' },
    { value: 'contactPostal', title: 'choice.contactPostal' },
    { value: 'contactSocial', title: 'choice.contactSocial' },
    { value: 'contactMediator', title: 'choice.contactMediator' },
    { value: 'contactFaq', title: 'choice.contactFaq' },
  ],
  yesNo: [
    { value: 'yes', title: 'choice.yes', synonyms: 'choice.yesSynonyms' },
    { value: 'no', title: 'choice.no', synonyms: 'choice.noSynonyms' },
  ],
  registered: [
    { value: 'yes', title: 'choice.registeredYes', synonyms: 'choice.yesSynonyms' },
    { value: 'no', title: 'choice.registeredNo', synonyms: 'choice.noSynonyms' },
  ],
  anythingElse: [
    { value: 'yes', title: 'choice.moreYes', synonyms: 'choice.yesSynonyms' },
    { value: 'no', title: 'choice.moreNo', synonyms: 'choice.noSynonyms' },
  ],
  anythingElseOrLetter: [
    { value: 'showLetter', title: 'choice.showLetter' },
    { value: 'yes', title: 'choice.moreYes', synonyms: 'choice.yesSynonyms' },
    { value: 'no', title: 'choice.moreNo', synonyms: 'choice.noSynonyms' },
  ],
  paymentDate: [
    { value: 'sameDay', title: 'choice.sameDay' },
    { value: 'unknown', title: 'choice.dateUnknown', synonyms: 'choice.unknownSynonyms' },
  ],
  dateShortcuts: [
    { value: 'today', title: 'choice.today' },
    { value: 'yesterday', title: 'choice.yesterday' },
    { value: 'unknown', title: 'choice.dateUnknown', synonyms: 'choice.unknownSynonyms' },
  ],
  waitingRanges: [
    { value: '7', title: 'choice.waitLessThan2Weeks' },
    { value: '21', title: 'choice.wait2To4Weeks' },
    { value: '45', title: 'choice.wait1To2Months' },
    { value: '90', title: 'choice.waitMoreThan2Months' },
  ],
  pastActions: [
    { value: 'none', title: 'choice.actionNone', synonyms: 'choice.noSynonyms' },
    { value: 'form', title: 'choice.actionForm' },
    { value: 'email', title: 'choice.actionEmail' },
    { value: 'phone', title: 'choice.actionPhone' },
    { value: 'registeredLetter', title: 'choice.actionRegisteredLetter' },
    { value: 'directorAppeal', title: 'choice.actionDirectorAppeal' },
  ],
  outcomes: [
    { value: 'unanswered', title: 'choice.outcomeUnanswered' },
    { value: 'refused', title: 'choice.outcomeRefused' },
  ],
} as const satisfies Record<string, readonly ChoiceSpec[]>;

export type ChoiceSetId = keyof typeof CHOICE_SETS;

export function isChoiceSetId(value: unknown): value is ChoiceSetId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CHOICE_SETS, value);
}
export type ChoiceValue<Id extends ChoiceSetId> = (typeof CHOICE_SETS)[Id][number]['value'];

/** A question's buttons: a fixed set, or problems chosen for this question (a confirmation) and a last button. */
export type Choices = ChoiceSetId | { routes: RouteKey[]; last: 'somethingElse' | 'noThanks' };

const ROUTE_TITLES: ReadonlyMap<string, MessageKey> = new Map(
  [...CHOICE_SETS.problems, ...CHOICE_SETS.otherProblems, ...CHOICE_SETS.contacts].map((spec) => [spec.value, spec.title]),
);

/** The short title of a problem, as on its button (every route has a button: test/dialogs/stepState.test.ts). */
export function routeTitle(route: RouteKey, lang: Lang): string {
  const title = ROUTE_TITLES.get(route);
  if (!title) throw new RangeError(`no button for the route ${route}`);
  return t(lang, title);
}

export function choiceSet(id: Choices, lang: Lang): ChoiceOption[] {
  if (typeof id !== 'string') {
    const last = id.last === 'noThanks' ? { value: 'no', title: t(lang, 'choice.noThanks'), synonyms: t(lang, 'choice.noSynonyms').split('|') } : { value: 'somethingElse', title: t(lang, 'choice.somethingElse') };
    return [...id.routes.map((route) => ({ value: route, title: routeTitle(route, lang) })), last];
  }
  const specs: readonly ChoiceSpec[] = CHOICE_SETS[id];
  return specs.map((spec) => ({
    value: spec.value,
    title: t(lang, spec.title),
    synonyms: spec.synonyms ? t(lang, spec.synonyms).split('|') : undefined,
  }));
}

/** Which choice a reply picks: its number, its value, its title or a synonym (accents and case ignored). */
export function matchChoice(text: string, choices: readonly ChoiceOption[]): ChoiceOption | undefined {
  const said = canonical(text);
  if (!said) return undefined;
  if (/^\d{1,2}$/.test(said)) return choices[Number(said) - 1];
  return choices.find((choice) => [choice.value, choice.title, ...(choice.synonyms ?? [])].some((name) => canonical(name) === said));
}

/** Both sides compared alike: accents and case ignored, trailing punctuation dropped ("Démarche admin." = "demarche admin"). */
function canonical(text: string): string {
  return normalizeText(text).replace(/[.!?)\s]+$/u, '');
}
