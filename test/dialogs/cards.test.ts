/**
 * The channel cards are functions of plain inputs (the turn's language, "now", the user's zone and locale):
 * built here without any TurnContext, at fixed instants.
 */
import { DateTime } from 'luxon';
import {
  cancellationCard,
  defenderCard,
  faqCard,
  faxCard,
  formCard,
  mediatorCard,
  phoneCard,
  postalCard,
  socialCard,
  type CardTurn,
} from '../../dialogs/cards';
import { CNED_FACTS } from '../../src/facts/cned';
import { t, type MessageKey } from '../../src/i18n/messages';
import type { View } from '../../src/rendering/view';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' });
const spaces = (text: string | undefined) => (text ?? '').replace(/\s/g, ' ');
const cardOf = (view: View) => {
  if (view.kind !== 'card') throw new Error(`not a card: ${view.kind}`);
  return view;
};

describe('the phone card at a given instant, in a given zone', () => {
  test.each([
    // Friday 4 December 2026, noon in Paris: open until 18:00 (winter hours).
    ['fr', '2026-12-04T12:00', undefined, undefined, 'La ligne est ouverte maintenant, jusqu\'à 18h00 (heure de Paris).', false],
    ['en', '2026-12-04T12:00', undefined, undefined, 'The line is open now', false],
    // The same instant for a user in Montréal: Paris time, then theirs.
    ['fr', '2026-12-04T12:00', 'America/Montreal', undefined, 'soit 12h00 (heure de l’Est nord-américain)', true],
    ['en', '2026-12-04T12:00', 'America/Montreal', 'en-US', 'until 6:00 PM (Paris time), that is 12:00 PM (Eastern Time)', true],
    // Brussels shows Paris's clock: no second time.
    ['fr', '2026-12-04T12:00', 'Europe/Brussels', undefined, 'jusqu\'à 18h00 (heure de Paris).', false],
    // Saturday: closed for the weekend, reopens on Monday.
    ['fr', '2026-12-05T10:00', undefined, undefined, 'La ligne est fermée (week-end). Elle rouvre lundi 7 décembre à 8h30 (heure de Paris).', false],
  ] as const)('%s at %s in %s (%s): %s', (lang, iso, userZone, locale, sentence, yourTime) => {
    const card = cardOf(phoneCard({ lang, now: at(iso), userZone, locale }));
    expect(card.title).toBe(t(lang, 'phone.title'));
    expect(spaces(card.text)).toContain(sentence);
    // Number, from abroad, the two seasons' hours; and the hours in the user's time when their clock differs.
    expect(card.facts).toHaveLength(yourTime ? 5 : 4);
    expect(card.links).toEqual([{ title: t(lang, 'phone.callAction'), url: `tel:${CNED_FACTS.phone.tel}` }]);
  });
});

describe('the other cards need only the language', () => {
  const cases: [string, (turn: CardTurn) => View, MessageKey, string][] = [
    ['form (registered)', (turn) => formCard(turn, true), 'form.registeredTitle', CNED_FACTS.forms.registered.url],
    ['form (not registered)', (turn) => formCard(turn, false), 'form.notRegisteredTitle', CNED_FACTS.forms.notRegistered.url],
    ['cancellation', (turn) => cancellationCard(turn, 'A123'), 'cancellation.cardTitle', CNED_FACTS.forms.registered.url],
    ['postal', (turn) => postalCard(turn, 'postal.recipientDirector'), 'postal.title', CNED_FACTS.contactPageUrl],
    ['faq', faqCard, 'faq.title', CNED_FACTS.faqUrl],
    ['mediator', mediatorCard, 'mediator.title', CNED_FACTS.mediator.url],
    ['defender', defenderCard, 'defender.title', CNED_FACTS.defenderOfRights.url],
    ['social', socialCard, 'social.title', CNED_FACTS.socialNetworks[0].url],
  ];
  test.each((['fr', 'en'] as const).flatMap((lang) => cases.map(([name, build, title, url]) => [lang, name, build, title, url] as const)))(
    '%s %s',
    (lang, _name, build, title, url) => {
      const card = cardOf(build({ lang }));
      expect(card.title).toBe(t(lang, title));
      expect(card.links?.map((link) => link.url)).toContain(url);
    },
  );

  test.each(['fr', 'en'] as const)('%s fax: the numbers as facts', (lang) => {
    const card = cardOf(faxCard({ lang }));
    expect(card.title).toBe(t(lang, 'fax.title'));
    expect(card.facts?.map((fact) => fact.value)).toEqual([CNED_FACTS.fax.national, CNED_FACTS.fax.international]);
  });

  test.each([
    ['fr', 'A123', 'A123'],
    ['en', undefined, undefined],
  ] as const)('%s cancellation with order %s', (lang, order, shown) => {
    const message = cardOf(cancellationCard({ lang }, order)).facts?.[2]?.value ?? '';
    if (shown) expect(message).toContain(shown);
    else expect(message).toBe(t(lang, 'cancellation.messageNoOrder'));
  });
});
