/** A bank account number sent to the bot, by any route, never reaches the logs, even at level trace. */
import { Writable } from 'node:stream';
import { replyText } from '../support/channel';
import { activityJson, rawRequest, startApp, Running } from './harness';

const IBAN = 'FR76 3000 6000 0112 3456 7890 189';
/** The number in every spelling a log line could hold it in (spaces removed, split in groups, escaped). */
const NEEDLES = ['FR76', '3000 6000', '30006000', '0112 3456', '01123456', '7890 189', '7890189', '1234567890189'];

const lines: string[] = [];
const capture = new Writable({
  write(chunk: Buffer | string, _encoding, callback) {
    lines.push(chunk.toString());
    callback();
  },
});

let run: Running;

beforeAll(async () => {
  run = await startApp({ env: { RATE_LIMIT_MESSAGES: '3', LOG_LEVEL: 'trace' }, logLevel: 'trace', logDestination: capture });
});

afterAll(async () => {
  await run.close();
});

test('nothing of the IBAN is logged, whatever carries it', async () => {
  const sent: { status: number }[] = [];
  // A plain message, then answers inside a dialog.
  sent.push(await run.send('iban-1', { text: `Voici mon RIB : ${IBAN}, je veux être remboursé` }));
  sent.push(await run.send('iban-1', { text: IBAN }));
  sent.push(await run.send('iban-1', { text: `remboursement ${IBAN.replace(/ /g, '')}` }));
  // Over the rate limit (3 here): the notice, then dropped.
  sent.push(await run.send('iban-1', { text: `encore ${IBAN}` }));
  sent.push(await run.send('iban-1', { text: `et encore ${IBAN}` }));
  // Too long for the bot.
  sent.push(await run.send('iban-2', { text: `${IBAN} ${'bla '.repeat(2000)}` }));
  // In a card submit, channel data, the user's name and a withdrawal date question.
  sent.push(await run.send('iban-3', { text: 'je veux me rétracter', value: { iban: IBAN }, channelData: { note: IBAN }, from: { id: 'user-iban-3', name: IBAN } }));
  sent.push(await run.send('iban-3', { text: `le 20 novembre, IBAN ${IBAN}` }));
  // A global command with it.
  sent.push(await run.send('iban-4', { text: `supprimer mes données ${IBAN}` }));
  expect(sent.every((response) => response.status === 200)).toBe(true);

  // Rejected before the framework: malformed JSON, a broken activity, a wrong content type.
  const rejected = [
    await rawRequest(run.baseUrl, { path: '/api/messages', headers: { 'Content-Type': 'application/json' }, chunks: [`{"type":"message","text":"${IBAN}"`] }),
    await rawRequest(run.baseUrl, { path: '/api/messages', headers: { 'Content-Type': 'application/json' }, chunks: [activityJson(run.connector.serviceUrl, 'iban-5', { text: IBAN, from: {} })] }),
    await rawRequest(run.baseUrl, { path: '/api/messages', headers: { 'Content-Type': 'text/plain' }, chunks: [IBAN] }),
  ];
  expect(rejected.map((response) => response.status)).toEqual([400, 400, 400]);

  // The bot did see the messages (so the logs had a chance to hold them)...
  expect(run.connector.repliesFor('iban-1').map(replyText).length).toBeGreaterThanOrEqual(4);
  // ...and logged at trace level meanwhile.
  expect(lines.length).toBeGreaterThan(0);
  const logs = lines.join('');
  for (const needle of NEEDLES) expect({ needle, found: logs.includes(needle) }).toEqual({ needle, found: false });
});
