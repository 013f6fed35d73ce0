/** The renderers on their own, with views built to push each channel's limits. */
import { ActionTypes, AttachmentLayoutTypes, InputHints } from 'botbuilder';
import { coalesceViews, renderViews } from '../../src/rendering/render';
import { channelProfile, DEFAULT_PROFILE } from '../../src/rendering/limits';
import { ELLIPSIS, graphemesOf, splitText, truncate, utf16Bytes } from '../../src/rendering/text';
import type { CardView, ChoiceOption, ChoiceView, View } from '../../src/rendering/view';
import { ADAPTIVE_CARD, HERO_CARD, adaptiveActions } from './support';

const sentence = (n: number) => `Phrase numéro ${n} qui explique une étape de la démarche au CNED.`;
const longText = (sentences: number) => Array.from({ length: sentences }, (_, i) => sentence(i + 1)).join(' ');

const choices = (n: number, title: (i: number) => string): ChoiceOption[] =>
  Array.from({ length: n }, (_, i) => ({ value: `v${i + 1}`, title: title(i + 1) }));

const PHONE_CARD: CardView = {
  kind: 'card',
  variant: 'contact',
  title: 'Téléphone du CNED',
  text: 'La ligne est ouverte maintenant.',
  facts: [
    { label: 'Numéro', value: '05 49 49 94 94' },
    { label: 'Depuis l’étranger', value: '+33 5 49 49 94 94' },
  ],
  links: [{ title: 'Appeler', url: 'tel:+33549499494' }],
};

describe('text helpers', () => {
  test('truncate keeps short text and shortens long text at a grapheme boundary, with an ellipsis', () => {
    expect(truncate('Oui, je suis inscrit', 20)).toBe('Oui, je suis inscrit');
    expect(truncate('Oui, je suis inscrite', 20)).toBe(`Oui, je suis inscri${ELLIPSIS}`);
    expect(truncate('Réponse négative, vraiment', 18)).toBe(`Réponse négative${ELLIPSIS}`);
    expect(truncate('Formulaire de rétractation (FAQ)', 20)).toBe(`Formulaire de rétra${ELLIPSIS}`);
  });

  test.each([
    ['combining accents', 'Re\u0301tractation de\u0301finitive demande\u0301e'],
    ['emoji with joiners', 'Famille 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 inscrite'],
    ['flags', 'Pays 🇫🇷🇧🇪🇨🇭🇨🇦🇲🇦🇸🇳 et plus'],
  ])('truncate never cuts inside a grapheme (%s)', (_name, text) => {
    for (let max = 2; max <= 24; max += 1) {
      const short = truncate(text, max);
      expect(short.length).toBeLessThanOrEqual(max);
      const kept = short.endsWith(ELLIPSIS) ? short.slice(0, -1) : short;
      // Every grapheme kept is a whole grapheme of the original.
      const original = graphemesOf(text);
      graphemesOf(kept).forEach((grapheme, i) => expect(grapheme).toBe(original[i]));
      expect(short).not.toMatch(/[\uD800-\uDBFF]$/);
    }
  });

  test('splitText cuts at sentence ends, each piece within the limit, nothing lost', () => {
    const text = longText(80);
    const pieces = splitText(text, 2000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(2000);
      expect(piece).toMatch(/\.$/);
    }
    expect(pieces.join(' ')).toBe(text);
  });

  test('splitText prefers line breaks, and hard-cuts a text without spaces at a grapheme boundary', () => {
    const lines = Array.from({ length: 60 }, (_, i) => `- ligne ${i + 1} : ${'x'.repeat(40)}`).join('\n');
    for (const piece of splitText(lines, 500)) expect(piece).toMatch(/^- ligne \d+ : x+$/m);
    const blob = '🇫🇷'.repeat(300);
    const pieces = splitText(blob, 101);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(101);
      expect(piece.length % 4).toBe(0);
    }
    expect(pieces.join('')).toBe(blob);
  });
});

describe('channel profiles', () => {
  test.each([
    ['webchat', 'webChat'],
    ['directline', 'webChat'],
    ['emulator', 'webChat'],
    ['test', 'webChat'],
    ['msteams', 'teams'],
    ['facebook', 'messenger'],
    ['telegram', 'plainText'],
    ['sms', 'plainText'],
    ['slack', 'plainText'],
    ['kik', 'plainText'],
    ['', 'plainText'],
    ['MSTeams', 'teams'],
  ])('%s → %s', (channelId, family) => {
    expect(channelProfile(channelId).family).toBe(family);
  });

  test('an unknown channel gets the default plain-text profile', () => {
    expect(channelProfile('brand-new')).toBe(DEFAULT_PROFILE);
  });
});

describe('Web Chat', () => {
  test('cards are Adaptive Cards 1.5 with a heading, a FactSet and Action.OpenUrl; choices are imBack suggested actions', () => {
    const [card, choice] = renderViews([PHONE_CARD, { kind: 'choice', text: 'Autre chose ?', choices: choices(2, (i) => `Choix ${i}`) }], 'webchat');
    expect(card.attachments?.[0].contentType).toBe(ADAPTIVE_CARD);
    const content = card.attachments![0].content as { version: string; body: { type: string; style?: string }[] };
    expect(content.version).toBe('1.5');
    expect(content.body.map((element) => element.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet']);
    expect(content.body[0].style).toBe('heading');
    expect(adaptiveActions(card.attachments![0])).toEqual([{ type: 'Action.OpenUrl', title: 'Appeler', url: 'tel:+33549499494' }]);
    expect(choice.inputHint).toBe(InputHints.ExpectingInput);
    expect(choice.suggestedActions?.actions).toEqual([
      { type: ActionTypes.ImBack, title: 'Choix 1', value: 'Choix 1' },
      { type: ActionTypes.ImBack, title: 'Choix 2', value: 'Choix 2' },
    ]);
  });
});

describe('a sentence and the cards after it are one message (Web Chat, Teams)', () => {
  const FORM_CARD: CardView = { kind: 'card', variant: 'formPath', title: 'Formulaire de contact', links: [{ title: 'Ouvrir', url: 'https://www.cned.fr/contact' }] };
  const QUESTION: ChoiceView = { kind: 'choice', text: 'Autre chose ?', choices: choices(2, (i) => `Choix ${i}`) };

  test.each(['webchat', 'directline', 'msteams'])('%s: text, two cards, a question -> text with both cards in order, then the question', (channel) => {
    const activities = renderViews([{ kind: 'text', text: 'Voici la marche à suivre.' }, PHONE_CARD, FORM_CARD, QUESTION], channel);
    expect(activities).toHaveLength(2);
    const [answer, question] = activities;
    expect(answer.text).toBe('Voici la marche à suivre.');
    expect(answer.attachments).toHaveLength(2);
    expect(answer.attachmentLayout).toBe(AttachmentLayoutTypes.List);
    expect(JSON.stringify(answer.attachments![0])).toContain('Téléphone du CNED');
    expect(JSON.stringify(answer.attachments![1])).toContain('Formulaire de contact');
    expect(answer.inputHint).toBeUndefined();
    expect(question.inputHint).toBe(InputHints.ExpectingInput);
  });

  test('a card after a question is not pulled before it, and cards alone still merge', () => {
    const activities = renderViews([QUESTION, PHONE_CARD, FORM_CARD], 'webchat');
    expect(activities).toHaveLength(2);
    expect(activities[0].inputHint).toBe(InputHints.ExpectingInput);
    expect(activities[1].attachments).toHaveLength(2);
  });

  test('Teams: a merge that would exceed the message size budget is not made', () => {
    const big: CardView = { ...PHONE_CARD, text: longText(180) };
    const limit = channelProfile('msteams').limits.maxMessageBytes!;
    const activities = renderViews([big, big, big], 'msteams');
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities) expect(utf16Bytes(activity)).toBeLessThanOrEqual(limit);
  });

  test('Messenger and plain-text channels keep one message per card', () => {
    expect(renderViews([{ kind: 'text', text: 'Voici.' }, PHONE_CARD, FORM_CARD], 'facebook').length).toBeGreaterThanOrEqual(3);
  });
});

describe('Teams', () => {
  test('a choice is a card of Action.Submit (msteams imBack) in ActionSets of at most 6, no suggested actions', () => {
    const [activity] = renderViews([{ kind: 'choice', text: 'Votre problème ?', choices: choices(11, (i) => `Problème ${i}`) }], 'msteams');
    expect(activity.suggestedActions).toBeUndefined();
    expect(activity.inputHint).toBe(InputHints.ExpectingInput);
    expect(activity.summary).toBe('Votre problème ?');
    const body = (activity.attachments![0].content as { body: { type: string; actions?: unknown[] }[] }).body;
    expect(body.filter((element) => element.type === 'ActionSet').map((set) => set.actions!.length)).toEqual([6, 5]);
    expect(adaptiveActions(activity.attachments![0])[10]).toEqual({
      type: 'Action.Submit',
      title: 'Problème 11',
      data: { msteams: { type: 'imBack', value: 'Problème 11' } },
    });
  });

  test('a card over the 28 KB budget is sent as text messages instead, each within the budget', () => {
    const huge: CardView = {
      kind: 'card',
      variant: 'info',
      title: 'Très longue fiche',
      facts: Array.from({ length: 400 }, (_, i) => ({ label: `Champ ${i + 1}`, value: sentence(i + 1) })),
    };
    const activities = renderViews([huge], 'msteams');
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities) {
      expect(activity.attachments ?? []).toEqual([]);
      expect(JSON.stringify(activity).length * 2).toBeLessThanOrEqual(28 * 1024);
    }
    expect(activities.map((activity) => activity.text).join('\n')).toContain('- Champ 400: Phrase numéro 400');
  });

  test('long text is split within the budget', () => {
    const activities = renderViews([{ kind: 'text', text: longText(600) }], 'msteams');
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities) expect(JSON.stringify(activity).length * 2).toBeLessThanOrEqual(28 * 1024);
  });
});

describe('Messenger', () => {
  test('more than 13 choices with long titles: 13 quick replies of at most 20, full titles as payload, all numbered in the text', () => {
    const view: ChoiceView = { kind: 'choice', text: 'Quel moyen ?', choices: choices(15, (i) => `Une très longue option numéro ${i} 👨‍👩‍👧`) };
    const activities = renderViews([view], 'facebook');
    expect(activities).toHaveLength(1);
    const [activity] = activities;
    const replies = activity.suggestedActions!.actions;
    expect(replies).toHaveLength(13);
    replies.forEach((reply, i) => {
      expect(reply.title.length).toBeLessThanOrEqual(20);
      expect(reply.title.endsWith(ELLIPSIS)).toBe(true);
      expect(reply.value).toBe(view.choices[i].title);
    });
    expect(activity.text).toContain('\n15. Une très longue option numéro 15');
  });

  test('a long question is split at 2,000 and the quick replies ride on the last piece only', () => {
    const activities = renderViews([{ kind: 'choice', text: longText(90), choices: choices(2, (i) => `Choix ${i}`) }], 'facebook');
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities) expect(activity.text!.length).toBeLessThanOrEqual(2000);
    expect(activities.slice(0, -1).every((activity) => activity.suggestedActions === undefined)).toBe(true);
    expect(activities[activities.length - 1].suggestedActions?.actions).toHaveLength(2);
  });

  test('a card with many links and a long title: hero cards of at most 3 buttons in a carousel, the full title kept in the text', () => {
    const title = `Toutes les adresses utiles du CNED pour une réclamation, classées par ordre de priorité et par service`;
    const view: View = {
      kind: 'card',
      variant: 'contact',
      title,
      text: 'Choisissez le service.',
      facts: [{ label: 'Délai', value: '2 mois' }],
      links: Array.from({ length: 5 }, (_, i) => ({ title: `Lien numéro ${i + 1} vers une page`, url: `https://www.cned.fr/page-${i + 1}` })),
    };
    const [cards, ...details] = renderViews([view], 'facebook');
    expect(cards.attachmentLayout).toBe(AttachmentLayoutTypes.Carousel);
    expect(cards.attachments!.map((attachment) => attachment.contentType)).toEqual([HERO_CARD, HERO_CARD]);
    const heroes = cards.attachments!.map((attachment) => attachment.content as { title: string; subtitle?: string; buttons: { title: string; type: string }[] });
    expect(heroes.map((hero) => hero.buttons.length)).toEqual([3, 2]);
    for (const hero of heroes) {
      expect(hero.title.length).toBeLessThanOrEqual(80);
      for (const button of hero.buttons) {
        expect(button.type).toBe(ActionTypes.OpenUrl);
        expect(button.title.length).toBeLessThanOrEqual(20);
      }
    }
    expect(heroes[0].subtitle).toBe('Choisissez le service.');
    expect(details.map((activity) => activity.text).join('\n')).toBe(`${title}\n- Délai: 2 mois`);
  });

  test('a card without links is text; facts are lines', () => {
    const [activity, ...rest] = renderViews([{ ...PHONE_CARD, links: [] }], 'facebook');
    expect(rest).toEqual([]);
    expect(activity.attachments).toBeUndefined();
    expect(activity.text).toBe('Téléphone du CNED\nLa ligne est ouverte maintenant.\n- Numéro: 05 49 49 94 94\n- Depuis l’étranger: +33 5 49 49 94 94');
  });

  test('tel: links stay openUrl (the connector makes them Messenger call buttons)', () => {
    const [hero] = renderViews([PHONE_CARD], 'facebook');
    expect((hero.attachments![0].content as { buttons: unknown[] }).buttons).toEqual([{ type: ActionTypes.OpenUrl, title: 'Appeler', value: 'tel:+33549499494' }]);
  });
});

describe('plain text', () => {
  test('cards are lines with links written out; choices are numbered; no attachments or buttons', () => {
    const activities = renderViews([PHONE_CARD, { kind: 'choice', text: 'Autre chose ?', choices: choices(12, (i) => `Choix ${i}`) }], 'telegram');
    expect(activities.map((activity) => activity.text)).toEqual([
      'Téléphone du CNED\nLa ligne est ouverte maintenant.\n- Numéro: 05 49 49 94 94\n- Depuis l’étranger: +33 5 49 49 94 94\nAppeler: +33549499494',
      `Autre chose ?\n${Array.from({ length: 12 }, (_, i) => `${i + 1}. Choix ${i + 1}`).join('\n')}`,
    ]);
    for (const activity of activities) {
      expect(activity.attachments).toBeUndefined();
      expect(activity.suggestedActions).toBeUndefined();
    }
    expect(activities[1].inputHint).toBe(InputHints.ExpectingInput);
  });

  test('SMS text is split at 1,600', () => {
    const activities = renderViews([{ kind: 'text', text: longText(60) }], 'sms');
    expect(activities.length).toBeGreaterThan(1);
    for (const activity of activities) expect(activity.text!.length).toBeLessThanOrEqual(1600);
  });
});

describe('coalesceViews', () => {
  const text = (value: string): View => ({ kind: 'text', text: value });
  const card: View = { kind: 'card', variant: 'info', title: 'Card' };
  const choice: View = { kind: 'choice', text: 'Question?', choices: [{ value: 'a', title: 'A' }] };

  test('texts in a row become one; texts before a question become its first paragraphs; cards stay apart', () => {
    expect(coalesceViews([text('One.'), text('Two.'), card, text('Three.'), choice])).toEqual([
      text('One.\n\nTwo.'),
      card,
      { ...choice, text: 'Three.\n\nQuestion?' },
    ]);
  });

  test('a text after a card or a question is not merged backwards', () => {
    expect(coalesceViews([choice, text('After.')])).toEqual([choice, text('After.')]);
    expect(coalesceViews([card, text('After.')])).toEqual([card, text('After.')]);
  });
});
