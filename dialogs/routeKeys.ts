/** The routes of the dialog tree: every problem and every contact question (the keys live in src/domain). */
import { ROUTE_KEYS, RouteKey, isRouteKey } from '../src/domain/types';

export { ROUTE_KEYS, type RouteKey };
export const isRoutable = isRouteKey;

export const routeDialogId = (key: RouteKey): string => `route.${key}`;
