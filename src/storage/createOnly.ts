/**
 * The eTag a turn writes when it read nothing: "create this item only if it still does not exist".
 * The Blob and Cosmos stores here translate it into a conditional create; botbuilder's MemoryStorage already
 * behaves so (it writes a missing item whatever the eTag, and rejects an eTag that does not match an existing one).
 */
export const CREATE_ONLY = 'create-only';
