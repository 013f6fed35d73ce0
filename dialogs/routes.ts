/** The routing table: each problem or contact question → the dialog that answers it. */
import type { Dialog } from 'botbuilder-dialogs';
import type { Understanding } from './understanding';
import { RouteKey, routeDialogId } from './routeKeys';
import { GuidanceDialog, GuidanceSpec } from './guidanceDialog';
import { WithdrawalDialog } from './withdrawalDialog';
import { CancellationDialog } from './cancellationDialog';
import { RefundDialog } from './refundDialog';
import { EscalationDialog } from './escalationDialog';
import { ContactDialog, MediatorDialog } from './contactDialogs';

type RouteFactory = (dialogId: string, understanding: Understanding) => Dialog;

const guidance =
  (spec: GuidanceSpec): RouteFactory =>
  (id, understanding) =>
    new GuidanceDialog(id, spec, understanding);

const contact =
  (topic: ConstructorParameters<typeof ContactDialog>[1]): RouteFactory =>
  (id, understanding) =>
    new ContactDialog(id, topic, understanding);

export const ROUTES: Record<RouteKey, RouteFactory> = {
  // Without credentials the registered space (and its form) is out of reach: phone first, then the FAQ form.
  lostCredentials: guidance({ restate: 'lostCredentials.restate', advice: 'lostCredentials.advice', form: 'notRegistered', phoneFirst: true }),
  missingAccessCodes: guidance({ restate: 'missingAccessCodes.restate', advice: 'missingAccessCodes.advice', form: 'registered', phoneFirst: false }),
  updateDetails: guidance({ restate: 'updateDetails.restate', advice: 'updateDetails.advice', form: 'registered', phoneFirst: false }),
  adminProcedure: guidance({ restate: 'adminProcedure.restate', advice: 'adminProcedure.advice', form: 'ask', phoneFirst: false }),
  parcelOldAddress: guidance({ restate: 'parcelOldAddress.restate', advice: 'parcelOldAddress.advice', form: 'registered', phoneFirst: true }),
  internshipProblem: guidance({ restate: 'internshipProblem.restate', advice: 'internshipProblem.advice', form: 'registered', phoneFirst: false }),
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
  return (Object.keys(ROUTES) as RouteKey[]).map((key) => ROUTES[key](routeDialogId(key), understanding));
}
