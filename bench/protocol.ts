/** Messages between the bench runner and the servers it starts as child processes (Node IPC). */

export type ToChild =
  | { id: number; cmd: 'stats' }
  | { id: number; cmd: 'gc' }
  | { id: number; cmd: 'resetDelay' }
  | { id: number; cmd: 'stateSizes'; conversationIds: string[]; channelId: string };

export interface ChildStats {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  /** process.cpuUsage() user + system since the process started, in µs. */
  cpuMicros: number;
  /** Event-loop delay since the last resetDelay, in ms (perf_hooks.monitorEventLoopDelay, 1 ms resolution). */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
}

export type FromChild =
  | { type: 'ready'; port: number; startupMs: number }
  | { type: 'result'; id: number; stats?: ChildStats; sizes?: (number | null)[] };

export function isFromChild(value: unknown): value is FromChild {
  return typeof value === 'object' && value !== null && 'type' in value;
}

export function isToChild(value: unknown): value is ToChild {
  return typeof value === 'object' && value !== null && 'cmd' in value && 'id' in value;
}
