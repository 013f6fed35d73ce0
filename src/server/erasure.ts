/**
 * "Delete my data" beyond the bot's state: the bot calls `erase(conversationId)` from its turn, and each part of
 * the edge that keeps something of a conversation (the local Direct Line's transcript and tokens) registers here.
 */
export type EraseHook = (conversationId: string) => void;

export class ErasureHooks {
  private readonly hooks = new Set<EraseHook>();

  add(hook: EraseHook): void {
    this.hooks.add(hook);
  }

  erase(conversationId: string): void {
    for (const hook of this.hooks) hook(conversationId);
  }
}
