/** The routing table: each problem or contact question → the dialog that answers it. */
import type { Dialog } from 'botbuilder-dialogs';
import type { Understanding } from '../src/domain/understanding';
import { ROUTE_KEYS, RouteKey, routeDialogId } from './routeKeys';
import { GuidanceDialog, GuidanceSpec } from './guidanceDialog';
import { WithdrawalDialog } from './withdrawalDialog';
import { CancellationDialog } from './cancellationDialog';
import { RefundDialog } from './refundDialog';
import { EscalationDialog } from './escalationDialog';
import { ContactDialog, MediatorDialog } from './contactDialogs';

type RouteFactory = (dialogId: string, understanding: Understanding, key: RouteKey) => Dialog;

const guidance =
  (spec: GuidanceSpec): RouteFactory =>
  (id, understanding, key) =>
    new GuidanceDialog(id, spec, understanding, key);

const contact =
  (topic: ConstructorParameters<typeof ContactDialog>[1]): RouteFactory =>
  (id, understanding) =>
    new ContactDialog(id, topic, understanding);

export const ROUTES: Record<RouteKey, RouteFactory> = {
  // Without credentials the registered space (and its form) is out of reach: phone first, then the FAQ form.
  lostCredentials: guidance({ restate: 'lostCredentials.restate', advice: ['lostCredentials.advice'], cards: ['phone', 'notRegisteredForm'] }),
  missingAccessCodes: guidance({ restate: 'missingAccessCodes.restate', advice: ['missingAccessCodes.advice'], cards: ['form', 'phone'] }),
  updateDetails: guidance({ restate: 'updateDetails.restate', advice: ['updateDetails.advice'], cards: ['form', 'phone'] }),
  adminProcedure: guidance({ restate: 'adminProcedure.restate', advice: ['adminProcedure.advice'], cards: ['form', 'phone'], askRegistered: true }),
  parcelOldAddress: guidance({ restate: 'parcelOldAddress.restate', advice: ['parcelOldAddress.advice'], cards: ['phone', 'form'] }),
  internshipProblem: guidance({ restate: 'internshipProblem.restate', advice: ['internshipProblem.advice'], cards: ['form', 'phone'] }),
  // Families beyond the source (domain-facts.md): the channel and what to write; no CNED rule that is not public.
  pedagogy: guidance({ restate: 'pedagogy.restate', advice: ['pedagogy.advice'], cards: ['form', 'phone'] }),
  examsDiplomas: guidance({ restate: 'examsDiplomas.restate', advice: ['examsDiplomas.advice'], cards: ['form', 'phone'] }),
  documents: guidance({ restate: 'documents.restate', advice: ['documents.advice'], cards: ['form', 'phone'] }),
  debitDispute: guidance({ restate: 'debitDispute.restate', advice: ['debitDispute.advice', 'debitDispute.bank'], cards: ['form', 'phone'] }),
  collectionLetter: guidance({ restate: 'collectionLetter.restate', advice: ['collectionLetter.advice'], cards: ['postal', 'form'] }),
  paymentPlan: guidance({ restate: 'paymentPlan.restate', advice: ['paymentPlan.advice'], cards: ['phone', 'form'], askRegistered: true }),
  technicalIssue: guidance({ restate: 'technicalIssue.restate', advice: ['technicalIssue.advice'], cards: ['form', 'phone'] }),
  materialsNotReceived: guidance({ restate: 'materialsNotReceived.restate', advice: ['materialsNotReceived.advice'], cards: ['phone', 'form'] }),
  enrolmentRefused: guidance({ restate: 'enrolmentRefused.restate', advice: ['enrolmentRefused.advice', 'enrolmentRefused.remedies'], cards: ['phone'] }),
  healthAbsence: guidance({ restate: 'healthAbsence.restate', advice: ['healthAbsence.advice'], cards: ['cancellation', 'phone'] }),
  disability: guidance({ restate: 'disability.restate', advice: ['disability.advice'], cards: ['form', 'phone'] }),
  personalData: guidance({ restate: 'personalData.restate', advice: ['personalData.advice'], cards: ['form', 'postal'] }),
  withdrawal: (id, understanding) => new WithdrawalDialog(id, understanding),
  cancellation: (id, understanding) => new CancellationDialog(id, understanding),
  refundDelay: (id, understanding) => new RefundDialog(id, understanding),
  noAnswer: (id, understanding) => new EscalationDialog(id, understanding),
  contactMediator: (id, understanding) => new MediatorDialog(id, understanding),
  contactPhone: contact('contactPhone'),
  contactFax: contact('contactFax'),
  contactPostal: contact('contactPostal'),
  contactSocial: contact('contactSocial'),
  contactFaq: contact('contactFaq'),
};

export function createRouteDialogs(understanding: Understanding): Dialog[] {
  return ROUTE_KEYS.map((key) => ROUTES[key](routeDialogId(key), understanding, key));
}
