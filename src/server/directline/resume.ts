/**
 * Reload continuity: the chat page keeps its conversation id and token (sessionStorage) and, on reload, asks the
 * token endpoint for a fresh token for that same conversation. With the Direct Line service this is its
 * POST /tokens/refresh with the old token (the service checks it was issued for that conversation); locally the
 * same rule on the local token store. A token that expired, or a conversation gone, gets a new conversation: the
 * answer says `resumed: false` and the page explains, never an error.
 *
 * Also here: a client activity posted twice (a retry after a network drop) is recognised by the
 * `channelData.clientActivityID` Web Chat gives it, so the bot handles it once.
 */
import type { Activity } from 'botbuilder';
import { isRecord } from './activities';
import type { Conversation, LoggedActivity } from './conversations';
import type { LocalDirectLine } from './localDirectLine';
import type { TokenGrant } from './tokens';

export interface ResumeRequest {
  conversationId: string;
  token: string;
}

const CONVERSATION_ID = /^[A-Za-z0-9_\-.:|]{1,200}$/;
const TOKEN = /^[A-Za-z0-9_\-.~+/=]{1,2048}$/;

/** The conversation a page asks to resume, when its body carries a well-formed `resume: { conversationId, token }`. */
export function readResumeRequest(body: unknown): ResumeRequest | undefined {
  if (!isRecord(body) || !isRecord(body.resume)) return undefined;
  const { conversationId, token } = body.resume;
  if (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId)) return undefined;
  if (typeof token !== 'string' || !TOKEN.test(token)) return undefined;
  return { conversationId, token };
}

/** A fresh local token for the conversation, if the old token is live and was issued for it; else undefined. */
export function resumeLocal(local: LocalDirectLine, request: ResumeRequest): TokenGrant | undefined {
  const access = local.access(request.token, request.conversationId);
  if (!access.ok) return undefined;
  return local.tokens.mint(access.conversation.id);
}

export type ServiceRefresh = { ok: true; token: string; conversationId: string; expires_in: number } | { ok: false; status: number };

/**
 * Direct Line service: POST {endpoint}/tokens/refresh with the old token. The answer must name the same
 * conversation; a 401/403/404 (expired or unknown) or any other failure is `ok: false` with its status (0: no answer).
 */
export async function refreshServiceToken(endpoint: string, request: ResumeRequest, timeoutMs: number): Promise<ServiceRefresh> {
  try {
    const response = await fetch(`${endpoint}/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${request.token}`, 'Content-Type': 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) return { ok: false, status: response.status };
    if (!isRecord(body) || typeof body.token !== 'string') return { ok: false, status: 502 };
    // The service's answer may omit the conversation; when it names one, it must be the one asked for.
    const conversationId = typeof body.conversationId === 'string' ? body.conversationId : request.conversationId;
    if (conversationId !== request.conversationId) return { ok: false, status: 403 };
    return { ok: true, token: body.token, conversationId, expires_in: typeof body.expires_in === 'number' ? body.expires_in : 1800 };
  } catch {
    return { ok: false, status: 0 };
  }
}

const clientActivityId = (activity: Partial<Activity>): string | undefined => {
  const channelData: unknown = activity.channelData;
  const id = isRecord(channelData) ? channelData.clientActivityID : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
};

/** The logged activity this client activity repeats (same sender's clientActivityID), if any. */
export function earlierCopy(conversation: Conversation, activity: Partial<Activity>): LoggedActivity | undefined {
  const id = clientActivityId(activity);
  if (!id) return undefined;
  return conversation.activities.find(
    (entry) => entry.activity.from?.id === conversation.user.id && clientActivityId(entry.activity) === id,
  )?.activity;
}
