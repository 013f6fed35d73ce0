/**
 * The bot over HTTP as a channel reaches it: activities posted to /api/messages with a serviceUrl pointing
 * at a local connector endpoint, which receives the replies.
 */
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { createApp, App } from '../../src/bootstrap';
import { t } from '../../src/i18n/messages';
import { channelActivity, postJson, replyText, startConnector, FakeConnector } from '../support/channel';

let app: App;
let connector: FakeConnector;
let baseUrl: string;

beforeAll(async () => {
  connector = await startConnector();
  app = await createApp(loadConfig({ PORT: '3978' }), createLogger('silent'));
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await connector.close();
});

let counter = 0;
const newConversation = () => `http-conv-${++counter}`;

/** Posts one activity and returns the replies it produced (the adapter answers once the turn is done). */
async function turn(conversationId: string, fields: Partial<Activity>): Promise<string> {
  const before = connector.repliesFor(conversationId).length;
  const response = await postJson(`${baseUrl}/api/messages`, channelActivity(connector.serviceUrl, conversationId, fields));
  expect(response.status).toBeLessThan(300);
  return connector
    .repliesFor(conversationId)
    .slice(before)
    .map(replyText)
    .join('\n');
}

test('GET / and GET /healthz answer 200', async () => {
  const home = await fetch(`${baseUrl}/`);
  expect(home.status).toBe(200);
  expect(home.headers.get('content-type')).toContain('text/html');
  const health = await fetch(`${baseUrl}/healthz`);
  expect(health.status).toBe(200);
});

test('a user joining gets the welcome and the menu, in their language', async () => {
  const conversationId = newConversation();
  const welcome = await turn(conversationId, {
    type: 'conversationUpdate',
    text: undefined,
    locale: 'en-US',
    membersAdded: [{ id: `user-${conversationId}`, name: 'User' }],
  });
  expect(welcome).toContain(t('en', 'welcome.intro'));
  const menu = connector.repliesFor(conversationId).at(-1);
  expect(menu?.suggestedActions?.actions.map((action) => action.title)).toContain(t('en', 'choice.refundDelay'));
});

test('the bot joining alone sends no welcome', async () => {
  const conversationId = newConversation();
  const replies = await turn(conversationId, { type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'bot', name: 'Bot' }] });
  expect(replies).toBe('');
});

test('a withdrawal over two turns computes the last day from the activity timestamp', async () => {
  const conversationId = newConversation();
  const timestamp = new Date('2026-11-26T10:00:00Z');
  expect(await turn(conversationId, { text: 'je veux me rétracter', timestamp })).toContain(t('fr', 'withdrawal.askDate').slice(0, 40));
  expect(await turn(conversationId, { text: 'le 20 novembre', timestamp })).toContain('vendredi 4 décembre 2026');
});

test.each([
  ["Mi novembre, toujours pas de codes d’accès aux cours malgré l’inscription et le paiement.", ['form.registeredTitle', 'phone.title']],
  ["4 mois que j’attends un remboursement, on me dit que c’est en cours depuis plusieurs semaines et rien.", ['refund.restate', 'escalation.nextRegisteredLetter']],
  [
    "Un 1er appel, on me dit de renseigner le formulaire en ligne; ce que je fais; aucune réponse. Je fais un courrier en recommandé ave accusé de réception et relance par téléphone après 3 semaines; je reçois biensûr une réponse négative malgré les justificatifs fournis. Je fais un recours auprès du Directeur général comme le propose la procédure par un courrier en recommandé avec accusé de réception et cela fait 7 semaines que j’attends qu’on daigne me répondre. Par sérieux et surtout pas commercial.",
    ['escalation.nextMediatorRefused', 'mediator.title'],
  ],
] as const)('seed complaint reaches the right channel: %s', async (text, keys) => {
  const replies = await turn(newConversation(), { text, timestamp: new Date('2026-11-26T10:00:00Z') });
  for (const key of keys) expect(replies).toContain(t('fr', key).split('{')[0].slice(0, 50));
});
