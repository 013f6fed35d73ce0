/**
 * Optional telemetry: a no-op unless configured; with Application Insights, only the two events with identifier
 * properties reach the SDK — never message text.
 */
import { TelemetryClient } from 'applicationinsights';
import { createLogger } from '../../src/logging';
import { initTelemetry, noopTelemetry, setTelemetry, telemetry, Telemetry } from '../../src/telemetry';

afterEach(() => setTelemetry(noopTelemetry));

test('without a connection string telemetry is a no-op', async () => {
  expect(await initTelemetry(undefined)).toBe(noopTelemetry);
  expect(() => telemetry.trackEvent('problem', { intent: 'withdrawal' })).not.toThrow();
  await expect(telemetry.flush()).resolves.toBeUndefined();
});

test('telemetry.trackEvent forwards to the telemetry chosen at start', () => {
  const seen: unknown[] = [];
  const fake: Telemetry = { trackEvent: (name, properties) => void seen.push([name, properties]), flush: async () => undefined };
  setTelemetry(fake);
  telemetry.trackEvent('problem', { intent: 'refund' });
  telemetry.trackEvent('routeCompleted', { route: 'refund' });
  expect(seen).toEqual([
    ['problem', { intent: 'refund' }],
    ['routeCompleted', { route: 'refund' }],
  ]);
});

test('Application Insights gets the two events with identifiers only; free text is refused before the SDK sees it', async () => {
  // The SDK's own sending is not exercised (it insists on https); what reaches it is.
  const tracked: unknown[] = [];
  const track = jest.spyOn(TelemetryClient.prototype, 'trackEvent').mockImplementation((event) => void tracked.push(event));
  const flush = jest.spyOn(TelemetryClient.prototype, 'flush').mockResolvedValue(undefined);
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  try {
    setTelemetry(await initTelemetry('InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/', logger));
    telemetry.trackEvent('problem', { intent: 'withdrawal' });
    telemetry.trackEvent('routeCompleted', { route: 'withdrawal' });
    telemetry.trackEvent('problem', { intent: 'je veux me rétracter, mon numéro est 12345' });
    await telemetry.flush();
    expect(flush).toHaveBeenCalledTimes(1);
  } finally {
    track.mockRestore();
    flush.mockRestore();
  }
  expect(tracked).toEqual([
    { name: 'problem', properties: { intent: 'withdrawal' } },
    { name: 'routeCompleted', properties: { route: 'withdrawal' } },
  ]);
  expect(logs.filter((log) => log.event === 'telemetry.rejected')).toEqual([expect.objectContaining({ name: 'problem' })]);
  expect(JSON.stringify(logs)).not.toContain('rétracter');
});
