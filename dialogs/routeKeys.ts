/** The routes of the dialog tree: every problem and every contact question. */
import { CONTACT_TOPICS, PROBLEMS, ContactTopic, Problem } from '../src/domain/types';

export type RouteKey = Problem | ContactTopic;
export const ROUTE_KEYS: readonly RouteKey[] = [...PROBLEMS, ...CONTACT_TOPICS];

export function isRoutable(value: string): value is RouteKey {
  return (ROUTE_KEYS as readonly string[]).includes(value);
}

export const routeDialogId = (key: RouteKey): string => `route.${key}`;
