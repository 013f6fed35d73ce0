/** Thirty messages at once on one conversation: no 5xx, and the conversation still works afterwards. */
import { t } from '../../src/i18n/messages';
import { replyText } from '../support/channel';
import { startApp, Running } from './harness';

const AT_ONCE = 30;

describe('with the rate limit out of the way (the turns themselves are under test)', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp({ env: { RATE_LIMIT_MESSAGES: '1000' } });
  });
  afterAll(async () => run.close());

  test(`${AT_ONCE} messages at once: no 5xx, then a normal message gets a normal answer`, async () => {
    const id = 'flood-unlimited';
    const texts = ['bonjour', 'je veux me rétracter', 'le 20 novembre', 'menu', 'remboursement', 'aide'];
    const responses = await Promise.all(Array.from({ length: AT_ONCE }, (_, i) => run.send(id, { text: texts[i % texts.length] })));
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);

    const before = run.connector.repliesFor(id).length;
    const timestamp = new Date('2026-11-26T10:00:00Z');
    expect((await run.send(id, { text: 'menu', timestamp })).status).toBe(200);
    expect((await run.send(id, { text: 'je veux me rétracter', timestamp })).status).toBe(200);
    const after = run.connector.repliesFor(id).slice(before).map(replyText).join('\n');
    expect(after).toContain(t('fr', 'withdrawal.askDate').slice(0, 40));
  });
});

describe('with the default limit (20 in 10 s)', () => {
  let run: Running;
  beforeAll(async () => {
    run = await startApp();
  });
  afterAll(async () => run.close());

  test(`${AT_ONCE} messages at once: no 5xx, and exactly one notice`, async () => {
    const id = 'flood-limited';
    const responses = await Promise.all(Array.from({ length: AT_ONCE }, () => run.send(id, { text: 'bonjour' })));
    expect(responses.filter((response) => response.status >= 500)).toEqual([]);
    const notices = run.connector.repliesFor(id).map(replyText).filter((text) => text === t('fr', 'common.rateLimited'));
    expect(notices).toHaveLength(1);
  });
});
