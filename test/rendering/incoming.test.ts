/**
 * What channels send back, read as the text the dialogs see: the bot's @mentions removed (Teams), a Messenger quick
 * reply or postback read by its payload. The incoming activity is never changed; the text is kept in turn state.
 */
import { Activity, ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { incomingText, readIncomingText } from '../../src/rendering/incoming';

const BOT = { id: '28:bot', name: 'Guide CNED' };
const USER = { id: '29:user', name: 'Camille' };
const mentionOf = (id: string, text: string) => ({ type: 'mention', text, mentioned: { id, name: text } });

const CASES: [string, Partial<Activity>, string][] = [
  ['plain text', { text: 'bonjour' }, 'bonjour'],
  ['no text', {}, ''],
  ['the bot mentioned first', { text: '<at>Guide CNED</at> menu', entities: [mentionOf(BOT.id, '<at>Guide CNED</at>')] }, 'menu'],
  ['the bot mentioned twice, spaces collapsed', { text: '<at>Guide CNED</at> mon   colis <at>Guide CNED</at>', entities: [mentionOf(BOT.id, '<at>Guide CNED</at>')] }, 'mon colis'],
  ['a mention typed in capitals ("Mention")', { text: '<at>Guide CNED</at> aide', entities: [{ ...mentionOf(BOT.id, '<at>Guide CNED</at>'), type: 'Mention' }] }, 'aide'],
  ['someone else mentioned: kept', { text: '<at>Dominique</at> bonjour', entities: [mentionOf('29:other', '<at>Dominique</at>')] }, '<at>Dominique</at> bonjour'],
  ['a mention without its text: nothing removed', { text: 'bonjour', entities: [{ type: 'mention', mentioned: { id: BOT.id } }] }, 'bonjour'],
  [
    'Messenger quick reply: the payload, not the shortened label',
    { channelId: 'facebook', text: 'Coordonnées…', channelData: { message: { text: 'Coordonnées…', quick_reply: { payload: 'Coordonnées CNED' } } } },
    'Coordonnées CNED',
  ],
  ['Messenger postback: the payload', { channelId: 'facebook', text: 'Oui', channelData: { postback: { title: 'Oui', payload: 'Oui, continuer' } } }, 'Oui, continuer'],
  ['Messenger without a payload: the text', { channelId: 'facebook', text: 'bonjour', channelData: { message: { text: 'bonjour' } } }, 'bonjour'],
  ['an empty payload: the text', { channelId: 'facebook', text: 'bonjour', channelData: { message: { quick_reply: { payload: '' } } } }, 'bonjour'],
  ['a payload on another channel is not read', { channelId: 'webchat', text: 'bonjour', channelData: { message: { quick_reply: { payload: 'Coordonnées CNED' } } } }, 'bonjour'],
  ['channelData of the wrong shape', { channelId: 'facebook', text: 'bonjour', channelData: { message: 'oops', postback: 7 } }, 'bonjour'],
  ['not a message', { type: ActivityTypes.ConversationUpdate, text: 'bonjour' }, ''],
];

const activityOf = (fields: Partial<Activity>): Partial<Activity> => ({
  type: ActivityTypes.Message,
  channelId: 'msteams',
  from: USER,
  recipient: BOT,
  conversation: { id: 'c-1', isGroup: true, name: '', conversationType: 'groupChat' },
  ...fields,
});

test.each(CASES)('%s', (_name, fields, expected) => {
  const activity = activityOf(fields);
  const before = structuredClone(activity);
  expect(readIncomingText(activity)).toBe(expected);
  expect(activity).toEqual(before);
});

test.each(CASES)('in a turn, %s: read once, kept in turn state, the activity unchanged', async (_name, fields, expected) => {
  const seen: { first: string; second: string; activityText: string | undefined }[] = [];
  const adapter = new TestAdapter(async (context: TurnContext) => {
    const first = incomingText(context);
    // A later reader gets the turn's value, whatever happens to the activity afterwards.
    context.activity.channelData = undefined;
    context.activity.entities = undefined;
    seen.push({ first, second: incomingText(context), activityText: context.activity.text });
  });
  const activity = activityOf(fields);
  await adapter.processActivity(activity);
  expect(seen).toEqual([{ first: expected, second: expected, activityText: fields.text }]);
});
