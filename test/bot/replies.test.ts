/**
 * One reply path (dialogs/say.ts): a turn's answer leaves once its state is saved; a turn whose state is not
 * saved says one notice instead, rendered like every reply, and nothing it had queued. And the erasure command
 * is read from the turn's one reading of the message.
 */
import { Activity, ConversationState, MemoryStorage, Storage, TestAdapter, TurnContext } from 'botbuilder';
import { ComplaintBot } from '../../src/bot/complaintBot';
import { TransactionalTurn } from '../../src/bot/transactionalTurn';
import { turnErrorHandler } from '../../src/bot/adapter';
import { MainDialog } from '../../dialogs/mainDialog';
import { say } from '../../dialogs/say';
import { createLogger } from '../../src/logging';
import * as commands from '../../src/understanding/commands';
import type { Understanding } from '../../src/domain/understanding';
import { t } from '../../src/i18n/messages';
import { StorageUnavailableError } from '../../src/storage/errors';
import { NOW, fakeUnderstanding } from '../rendering/support';

const CONVERSATION = { id: 'replies-1', isGroup: false, conversationType: 'personal', name: '' };
const logger = createLogger('silent');

function adapterFor(logic?: (context: TurnContext) => Promise<void>): TestAdapter {
  return new TestAdapter(logic, { conversation: CONVERSATION, channelId: 'test', locale: 'fr-FR' });
}

async function send(adapter: TestAdapter, text: string): Promise<string[]> {
  adapter.activeQueue.length = 0;
  await adapter.receiveActivity({ type: 'message', text, locale: 'fr-FR', timestamp: new Date(NOW) } satisfies Partial<Activity>);
  return adapter.activeQueue.map((activity) => activity.text ?? '');
}

/** A store that records how many replies had gone out when each write happened. */
class WatchedStorage extends MemoryStorage {
  sentAtWrite: number[] = [];
  adapter?: TestAdapter;
  failWrites = false;
  override async write(changes: Parameters<Storage['write']>[0]): Promise<void> {
    this.sentAtWrite.push(this.adapter?.activeQueue.length ?? -1);
    if (this.failWrites) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    await super.write(changes);
  }
}

function realBot(storage: WatchedStorage, understanding: Understanding = fakeUnderstanding) {
  const conversationState = new ConversationState(storage);
  const transactions = new TransactionalTurn({ storage, states: [conversationState] });
  const bot = new ComplaintBot(conversationState, new MainDialog(understanding), undefined, transactions);
  const adapter = adapterFor((context) => bot.run(context));
  adapter.onTurnError = turnErrorHandler({ logHashSalt: '' }, logger, conversationState);
  storage.adapter = adapter;
  return { adapter, conversationState };
}

describe("a turn's answer leaves after its state is saved", () => {
  test('nothing was sent when the state was written, the answer after', async () => {
    const storage = new WatchedStorage();
    const { adapter } = realBot(storage);
    const replies = await send(adapter, 'bonjour');
    expect(replies.join('\n')).toContain(t('fr', 'menu.greeting'));
    expect(storage.sentAtWrite.length).toBeGreaterThan(0);
    expect(storage.sentAtWrite.every((sent) => sent === 0)).toBe(true);
  });
});

describe('a turn whose state is not saved says one notice, and nothing it had queued', () => {
  test('the store is down: the storage notice alone', async () => {
    const storage = new WatchedStorage();
    storage.failWrites = true;
    const { adapter } = realBot(storage);
    expect(await send(adapter, 'bonjour')).toEqual([t('fr', 'common.storageUnavailable')]);
  });

  test.each([
    ['an error', new Error('boom'), 'common.error'],
    ['the store unreachable', new StorageUnavailableError('read', 'ECONNREFUSED'), 'common.storageUnavailable'],
  ] as const)('a turn that fails after saying something (%s): the apology alone', async (_name, error, key) => {
    const adapter = adapterFor(async (context) => {
      await say(context, { kind: 'text', text: 'a half answer' });
      throw error;
    });
    adapter.onTurnError = turnErrorHandler({ logHashSalt: '' }, logger);
    expect(await send(adapter, 'bonjour')).toEqual([t('fr', key)]);
  });
});

describe('"supprimer mes données" is read once per turn, from the turn reading', () => {
  afterEach(() => jest.restoreAllMocks());

  test.each(['bonjour', 'supprimer mes données'])('"%s": the commands are matched once', async (text) => {
    const match = jest.spyOn(commands, 'matchGlobalCommand');
    const understanding: Understanding = { ...fakeUnderstanding, command: (message) => commands.matchGlobalCommand(message) };
    const { adapter } = realBot(new WatchedStorage(), understanding);
    await send(adapter, 'bonjour');
    match.mockClear();
    await send(adapter, text);
    expect(match).toHaveBeenCalledTimes(1);
  });

  test('the erasure answers, and the conversation starts afresh', async () => {
    const storage = new WatchedStorage();
    const { adapter } = realBot(storage);
    await send(adapter, 'bonjour');
    expect(await send(adapter, 'supprimer mes données')).toEqual([t('fr', 'privacy.deleted')]);
    const stored = await storage.read([`test/conversations/${CONVERSATION.id}/`]);
    expect(Object.keys(stored)).toEqual([]);
  });
});
