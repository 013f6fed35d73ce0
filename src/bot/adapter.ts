/** The Bot Framework edge: CloudAdapter with authentication from configuration, and the turn error handler. */
import {
  Activity,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  ConversationState,
  InvokeResponse,
  TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { AppConfig } from '../config';
import { hashId } from '../logging';
import { replyUnsaved } from '../../dialogs/say';
import { isStorageFailure } from '../storage/errors';

/** What the framework's authentication establishes about a request (claims, audience, connector factory). */
export type VerifiedIdentity = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter that runs a turn on the identity the request guard already verified (src/server/guards), instead
 * of verifying the same token again as CloudAdapter.process does.
 */
export class GuardedAdapter extends CloudAdapter {
  /** `verified`: the guard's identity, or (authentication off) the request's Authorization header, checked here. */
  processAdmitted(verified: VerifiedIdentity | string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return typeof verified === 'string' ? this.processActivity(verified, activity, logic) : this.processActivity(verified, activity, logic);
  }
}

export function createAdapter(config: AppConfig, logger: Logger, conversationState?: ConversationState): GuardedAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = { ...config.botAuth };
  const adapter = new GuardedAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = turnErrorHandler(config, logger, conversationState);
  return adapter;
}

/** What the adapter does when a turn fails: log the error's kind, apologise, reset the dialog unless the store failed. */
export function turnErrorHandler(
  config: Pick<AppConfig, 'logHashSalt'>,
  logger: Logger,
  conversationState?: ConversationState,
): (context: TurnContext, error: unknown) => Promise<void> {
  // Log the error's kind and where it arose, never its message (it may quote user text or connector URLs).
  const describe = (error: unknown) =>
    error instanceof Error ? { errorName: error.name, frames: error.stack?.split('\n').slice(1, 4).map((line) => line.trim()) } : { errorName: typeof error };

  // Apologise; reset the conversation's dialog so the next message starts cleanly, unless the store itself failed.
  return async (context: TurnContext, error: unknown) => {
    logger.error({ event: 'turn.error', ...describe(error), conversation: hashId(context.activity.conversation?.id, config.logHashSalt) }, 'turn failed');
    // The store itself failed: say so, and keep the saved state so the conversation resumes once it is back.
    const storageFailure = isStorageFailure(error);
    try {
      await replyUnsaved(context, storageFailure ? 'common.storageUnavailable' : 'common.error');
    } catch (sendError) {
      logger.warn({ event: 'turn.error.reply-failed', ...describe(sendError) });
    }
    if (conversationState && !storageFailure) {
      try {
        await conversationState.delete(context);
      } catch (deleteError) {
        logger.warn({ event: 'turn.error.reset-failed', ...describe(deleteError) });
      }
    }
  };
}
