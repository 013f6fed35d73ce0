/**
 * The message of a turn, interpreted once and kept in turn state: the command it gives, its reading as a new request,
 * and the facts it states. Every step of the turn reads it from here, so nothing is matched or classified twice.
 */
import type { TurnContext } from 'botbuilder';
import type { ExtractedFacts, GlobalCommand, MessageReading, Understanding } from '../src/domain/understanding';
import { incomingText } from '../src/rendering/incoming';
import { turnInfo } from './say';

export interface TurnReading {
  /** The message's text as the channel meant it (no @mention of the bot, a quick reply's payload), trimmed ('' for other activities). */
  readonly text: string;
  readonly command: GlobalCommand | undefined;
  /** The message read as a new request (computed on first use). */
  request(): MessageReading;
  /** What the message states: dates, waiting time, order number, history (computed on first use). */
  facts(): ExtractedFacts;
}

const TURN_READING = Symbol('turnReading');

export function turnReading(context: TurnContext, understanding: Understanding): TurnReading {
  const cached: TurnReading | undefined = context.turnState.get(TURN_READING);
  if (cached) return cached;
  // Mentions removed and Messenger payloads read (src/rendering/incoming.ts); the activity is never changed.
  const text = incomingText(context).trim();
  let request: MessageReading | undefined;
  let facts: ExtractedFacts | undefined;
  const reading: TurnReading = {
    text,
    command: text ? understanding.command(text) : undefined,
    request: () => (request ??= understanding.read(text, turnInfo(context).lang)),
    facts: () => {
      const { lang, now } = turnInfo(context);
      return (facts ??= text ? understanding.extractFacts(text, lang, now) : { history: [] });
    },
  };
  context.turnState.set(TURN_READING, reading);
  return reading;
}
