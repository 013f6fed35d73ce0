/**
 * Teams behaviour of the real bot: the bot's @mention is removed before the dialogs read the text, and the
 * welcome is sent once when the app is installed (personal) or the bot is added to a group chat.
 * Also Messenger's quick-reply payload, which the bot reads instead of the (maybe shortened) label.
 */
import { TransactionalTurn } from '../../src/bot/transactionalTurn';
import { Activity, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { ComplaintBot } from '../../src/bot/complaintBot';
import { MainDialog } from '../../dialogs/mainDialog';
import { isWelcomeMoment } from '../../src/rendering/incoming';
import { t } from '../../src/i18n/messages';
import { NOW, fakeUnderstanding, visibleText } from '../rendering/support';

const BOT = { id: '28:00000000-0000-0000-0000-000000000001', name: 'Guide CNED' };
const USER = { id: '29:user-1', name: 'Camille' };
const PERSONAL = { id: 'a:personal-1', conversationType: 'personal', isGroup: false, name: '' };
const GROUP = { id: '19:group-1@thread.v2', conversationType: 'groupChat', isGroup: true, name: '' };

type Incoming = Partial<Activity>;

/** The bot as bootstrap builds it (transactional turns), on memory storage. */
function teamsBot(): ComplaintBot {
  const storage = new MemoryStorage();
  const conversationState = new ConversationState(storage);
  return new ComplaintBot(conversationState, new MainDialog(fakeUnderstanding), undefined, new TransactionalTurn({ storage, states: [conversationState] }));
}

function startBot(): (activity: Incoming) => Promise<Partial<Activity>[]> {
  const bot = teamsBot();
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return async (activity) => {
    await adapter.receiveActivity({ locale: 'fr-FR', timestamp: new Date(NOW), ...activity } as Activity);
    const replies: Partial<Activity>[] = [];
    for (let reply = adapter.activityBuffer.shift(); reply; reply = adapter.activityBuffer.shift()) replies.push(reply);
    return replies;
  };
}

const mention = (text: string) => ({ type: 'mention', text, mentioned: BOT });

const WELCOME = t('fr', 'welcome.intro');
const GREETING = t('fr', 'menu.greeting');
const NOT_UNDERSTOOD = t('fr', 'common.notUnderstood');

describe('Teams: the bot @mention is removed before the dialogs see the text', () => {
  test('"<at>Guide CNED</at> bonjour" in a group chat is read as "bonjour"', async () => {
    const send = startBot();
    const replies = await send({
      type: 'message',
      channelId: 'msteams',
      conversation: GROUP,
      from: USER,
      recipient: BOT,
      text: '<at>Guide CNED</at> bonjour',
      entities: [mention('<at>Guide CNED</at>')],
    });
    const text = visibleText(replies);
    expect(text).toContain(GREETING);
    expect(text).not.toContain(NOT_UNDERSTOOD);
  });

  test('a mention in the middle, twice, and a menu button clicked after', async () => {
    const send = startBot();
    const greeted = await send({
      type: 'message',
      channelId: 'msteams',
      conversation: GROUP,
      from: USER,
      recipient: BOT,
      text: '<at>Guide CNED</at> bonjour <at>Guide CNED</at>',
      entities: [mention('<at>Guide CNED</at>')],
    });
    expect(visibleText(greeted)).toContain(GREETING);
    // The card's Action.Submit (msteams imBack) posts the title as plain text, mention-free.
    const replies = await send({ type: 'message', channelId: 'msteams', conversation: GROUP, from: USER, recipient: BOT, text: 'Coordonnées CNED' });
    expect(visibleText(replies)).toContain(t('fr', 'menu.contactQuestion'));
  });

  test('the activity is left as the channel sent it: the text read is kept in turn state', async () => {
    const bot = teamsBot();
    const after: (string | undefined)[] = [];
    const adapter = new TestAdapter(async (context) => {
      await bot.run(context);
      after.push(context.activity.text);
    });
    const sent = [
      { channelId: 'msteams', conversation: GROUP, text: '<at>Guide CNED</at> bonjour', entities: [mention('<at>Guide CNED</at>')] },
      { channelId: 'facebook', conversation: PERSONAL, text: 'Coordonnées…', channelData: { message: { quick_reply: { payload: 'Coordonnées CNED' } } } },
    ];
    for (const fields of sent) await adapter.receiveActivity({ type: 'message', locale: 'fr-FR', timestamp: new Date(NOW), from: USER, recipient: BOT, ...fields } as Activity);
    expect(after).toEqual(sent.map((fields) => fields.text));
  });

  test('a mention of someone else is kept', async () => {
    const send = startBot();
    const replies = await send({
      type: 'message',
      channelId: 'msteams',
      conversation: GROUP,
      from: USER,
      recipient: BOT,
      text: '<at>Dominique</at> bonjour',
      entities: [{ type: 'mention', text: '<at>Dominique</at>', mentioned: { id: '29:other', name: 'Dominique' } }],
    });
    expect(visibleText(replies)).toContain(NOT_UNDERSTOOD);
  });
});

describe('Teams: the welcome', () => {
  test('installationUpdate "add" in a personal chat sends the welcome with the menu card', async () => {
    const send = startBot();
    const replies = await send({ type: 'installationUpdate', action: 'add', channelId: 'msteams', conversation: PERSONAL, from: USER, recipient: BOT });
    expect(visibleText(replies)).toContain(WELCOME);
    expect(replies.some((reply) => reply.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive')).toBe(true);
  });

  test('the bot added to a group chat (conversationUpdate with the bot in membersAdded) sends the welcome', async () => {
    const send = startBot();
    const replies = await send({ type: 'conversationUpdate', channelId: 'msteams', conversation: GROUP, from: USER, recipient: BOT, membersAdded: [BOT] });
    expect(visibleText(replies)).toContain(WELCOME);
  });

  test('installing in a group chat welcomes once: on the conversationUpdate, not also on the installationUpdate', async () => {
    const send = startBot();
    const install = await send({ type: 'installationUpdate', action: 'add', channelId: 'msteams', conversation: GROUP, from: USER, recipient: BOT });
    const added = await send({ type: 'conversationUpdate', channelId: 'msteams', conversation: GROUP, from: USER, recipient: BOT, membersAdded: [BOT] });
    expect(visibleText([...install, ...added]).split(WELCOME).length - 1).toBe(1);
  });

  test('no welcome when another person joins a group chat, on upgrade or removal', async () => {
    const send = startBot();
    expect(await send({ type: 'conversationUpdate', channelId: 'msteams', conversation: GROUP, from: USER, recipient: BOT, membersAdded: [{ id: '29:new', name: 'Nouveau' }] })).toEqual([]);
    expect(await send({ type: 'installationUpdate', action: 'add-upgrade', channelId: 'msteams', conversation: PERSONAL, from: USER, recipient: BOT })).toEqual([]);
    expect(await send({ type: 'installationUpdate', action: 'remove', channelId: 'msteams', conversation: PERSONAL, from: USER, recipient: BOT })).toEqual([]);
  });

  test('Web Chat still welcomes the user who joins', async () => {
    const send = startBot();
    const replies = await send({
      type: 'conversationUpdate',
      channelId: 'webchat',
      conversation: { id: 'wc-1', isGroup: false, name: '', conversationType: '' },
      from: USER,
      recipient: BOT,
      membersAdded: [BOT, USER],
    });
    expect(visibleText(replies)).toContain(WELCOME);
  });

  test.each<[string, Incoming, boolean]>([
    ['Teams personal install', { type: 'installationUpdate', action: 'add', channelId: 'msteams', conversation: PERSONAL, recipient: BOT }, true],
    ['Teams personal: bot in membersAdded (install already welcomed)', { type: 'conversationUpdate', channelId: 'msteams', conversation: PERSONAL, recipient: BOT, membersAdded: [BOT] }, false],
    ['Teams group: bot added', { type: 'conversationUpdate', channelId: 'msteams', conversation: GROUP, recipient: BOT, membersAdded: [BOT] }, true],
    ['Teams group: install', { type: 'installationUpdate', action: 'add', channelId: 'msteams', conversation: GROUP, recipient: BOT }, false],
    ['Direct Line: the bot joins first', { type: 'conversationUpdate', channelId: 'directline', conversation: { id: 'd', isGroup: false, name: '', conversationType: '' }, recipient: BOT, membersAdded: [BOT] }, false],
    ['Direct Line: the user joins', { type: 'conversationUpdate', channelId: 'directline', conversation: { id: 'd', isGroup: false, name: '', conversationType: '' }, recipient: BOT, membersAdded: [USER] }, true],
    ['a message', { type: 'message', channelId: 'msteams', conversation: PERSONAL, recipient: BOT, text: 'bonjour' }, false],
  ])('isWelcomeMoment: %s', (_name, activity, expected) => {
    expect(isWelcomeMoment(activity)).toBe(expected);
  });
});

describe('Messenger: a tapped quick reply is read by its payload', () => {
  test('the label Messenger posts may be shortened; the payload (the full title) picks the choice', async () => {
    const send = startBot();
    const conversation = { id: 'fb-1', isGroup: false, name: '', conversationType: '' };
    await send({ type: 'message', channelId: 'facebook', conversation, from: USER, recipient: BOT, text: 'bonjour' });
    const replies = await send({
      type: 'message',
      channelId: 'facebook',
      conversation,
      from: USER,
      recipient: BOT,
      text: 'Coordonnées…',
      channelData: { message: { text: 'Coordonnées…', quick_reply: { payload: 'Coordonnées CNED' } } },
    });
    expect(visibleText(replies)).toContain(t('fr', 'menu.contactQuestion'));
  });
});
