/**
 * Optional product telemetry: which problems people ask about and which routes they complete, counted in
 * Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set; a no-op otherwise.
 *
 * Privacy by construction: only three event names exist, and their properties are short identifiers (an intent, a
 * route key such as "withdrawal", or how a message was read), checked against a pattern — free text cannot pass. No automatic collection is
 * turned on (no requests, dependencies, console or exceptions), so URLs holding conversation ids are never sent.
 *
 * Dialogs call `telemetry.trackEvent('reading', { kind })` for how a first message was read (sure, confirm, unclear,
 * or the kind of non-problem), `telemetry.trackEvent('problem', { intent })` when a problem is understood and
 * `telemetry.trackEvent('routeCompleted', { route })` when a route reaches its answer.
 */
import type { TelemetryClient } from 'applicationinsights';
import type { Logger } from 'pino';

export type TelemetryEvent = 'problem' | 'routeCompleted' | 'reading';

export interface TelemetryProperties {
  problem: { intent: string };
  routeCompleted: { route: string };
  /** How a first message was read: sure, confirm, unclear, or the kind of non-problem (greeting, anger...). */
  reading: { kind: string };
}

export interface Telemetry {
  trackEvent<E extends TelemetryEvent>(name: E, properties: TelemetryProperties[E]): void;
  flush(): Promise<void>;
}

/** Identifiers only: letters, digits, dots, dashes and underscores, at most 64 characters. */
const IDENTIFIER = /^[A-Za-z][\w.-]{0,63}$/;

function safeProperties(properties: Record<string, string>): Record<string, string> | undefined {
  const safe: Record<string, string> = {};
  for (const [name, value] of Object.entries(properties)) {
    if (typeof value !== 'string' || !IDENTIFIER.test(value)) return undefined;
    safe[name] = value;
  }
  return safe;
}

export const noopTelemetry: Telemetry = {
  trackEvent: () => undefined,
  flush: async () => undefined,
};

/** Sends events through an isolated TelemetryClient (no global instrumentation, manual events only). */
export class AppInsightsTelemetry implements Telemetry {
  constructor(
    private readonly client: TelemetryClient,
    private readonly logger?: Logger,
  ) {}

  trackEvent<E extends TelemetryEvent>(name: E, properties: TelemetryProperties[E]): void {
    const safe = safeProperties({ ...properties });
    if (!safe) {
      this.logger?.warn({ event: 'telemetry.rejected', name });
      return;
    }
    try {
      this.client.trackEvent({ name, properties: safe });
    } catch (error) {
      this.logger?.warn({ event: 'telemetry.failed', name, errorName: error instanceof Error ? error.name : typeof error });
    }
  }

  async flush(): Promise<void> {
    try {
      await this.client.flush();
    } catch (error) {
      this.logger?.warn({ event: 'telemetry.flush-failed', errorName: error instanceof Error ? error.name : typeof error });
    }
  }
}

let current: Telemetry = noopTelemetry;

/** Chooses the process-wide telemetry from the configuration; returns it (index.ts flushes it at shutdown). */
export async function initTelemetry(connectionString: string | undefined, logger?: Logger): Promise<Telemetry> {
  // The SDK is loaded only when configured (it costs about 30 MiB and 0.5 s at start).
  if (connectionString) {
    const { TelemetryClient } = await import('applicationinsights');
    current = new AppInsightsTelemetry(new TelemetryClient(connectionString, { useGlobalProviders: false }), logger);
  } else {
    current = noopTelemetry;
  }
  logger?.info({ event: 'telemetry.ready', enabled: current !== noopTelemetry });
  return current;
}

/** Replaces the process-wide telemetry (tests). */
export function setTelemetry(telemetry: Telemetry): void {
  current = telemetry;
}

/** What the bot calls; forwards to the telemetry chosen at start (a no-op until then). */
export const telemetry: Telemetry = {
  trackEvent: (name, properties) => current.trackEvent(name, properties),
  flush: () => current.flush(),
};
