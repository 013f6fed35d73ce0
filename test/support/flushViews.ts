/** The end-of-turn flush ComplaintBot does, as a middleware, for tests that run dialogs without it (DialogTestClient). */
import type { Middleware } from 'botbuilder';
import { discardViews, flushViews } from '../../dialogs/say';

export const flushViewsMiddleware: Middleware = {
  async onTurn(context, next) {
    discardViews(context);
    await next();
    await flushViews(context);
  },
};
