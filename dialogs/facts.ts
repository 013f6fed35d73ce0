/** What the learner told across several messages, put together for the route that uses it. */
import type { PastAction } from '../src/domain/types';
import type { ExtractedFacts } from '../src/domain/understanding';

/** The steps a message told as taken: none when it only named one ("médiateur" is the topic, not a step). */
export function stepsTold(facts: ExtractedFacts): PastAction[] {
  return facts.namedOnly ? [] : facts.history;
}

/**
 * What a first message stated, with what a later reply about the same problem adds: each date, amount or number the
 * reply gives replaces the earlier one (it is the newer word), and the steps it tells follow the earlier ones.
 */
export function factsAdded(earlier: ExtractedFacts, reply: ExtractedFacts): ExtractedFacts {
  const merged: ExtractedFacts = { ...earlier, history: [...earlier.history] };
  const guessed = new Set(earlier.inferred ?? []);
  for (const field of ['registeredOn', 'paidOn', 'date'] as const) {
    if (reply[field] === undefined) continue;
    merged[field] = reply[field];
    if (reply.inferred?.includes(field)) guessed.add(field);
    else guessed.delete(field);
  }
  if (guessed.size > 0) merged.inferred = [...guessed];
  else delete merged.inferred;
  if (reply.registeredOn !== undefined || reply.paidOn !== undefined) delete merged.sameDay;
  if (reply.sameDay) merged.sameDay = true;
  merged.waiting = reply.waiting ?? earlier.waiting;
  merged.orderNumber = reply.orderNumber ?? earlier.orderNumber;
  merged.amountCents = reply.amountCents ?? earlier.amountCents;
  merged.registered = reply.registered ?? earlier.registered;
  merged.afterWithdrawal = reply.afterWithdrawal ?? earlier.afterWithdrawal;
  const earlierTold = stepsTold(earlier);
  if (reply.history.length > 0 && !reply.namedOnly) {
    // Steps only named by the first message ("médiateur") were its topic; a step told again is told once.
    const again = (action: PastAction): boolean => earlierTold.some((told) => told.kind === action.kind && told.on === action.on);
    merged.history = [...earlierTold, ...reply.history.filter((action) => !again(action))];
    delete merged.namedOnly;
  } else if (reply.history.length > 0 && earlierTold.length === 0) {
    // A reply that only names a step ("médiateur") names the topic, as a first message would.
    merged.history = reply.history;
    merged.namedOnly = true;
  }
  for (const key of Object.keys(merged) as Array<keyof ExtractedFacts>) if (merged[key] === undefined) delete merged[key];
  return merged;
}
