/**
 * Views of CNED's channels, built from the facts and the rules for the turn's instant and language.
 * Plain inputs (what a turn knows, `turnInfo(context)`), no TurnContext: a card is a function of them.
 */
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../src/facts/cned';
import type { Lang } from '../src/domain/types';
import { phoneLineStatus, hoursInZone, PhoneLineStatus } from '../src/rules/phoneLine';
import type { View, Fact, LinkAction } from '../src/rendering/view';
import { t } from '../src/i18n/messages';
import type { MessageKey } from '../src/i18n/messages';
import { differsFromParis, formatDayAndTime, formatTime, zoneName } from './say';
import type { TurnInfo } from '../src/domain/turnInfo';

/** What a card needs of the turn: its language. */
export type CardTurn = Pick<TurnInfo, 'lang'>;
/** What the phone card needs of the turn: the language, "now", the user's zone and locale. */
export type PhoneCardTurn = Pick<TurnInfo, 'lang' | 'now' | 'userZone' | 'locale'>;

type Registered = boolean;

const CLOSED_REASON_KEYS = {
  weekend: 'phone.closedWeekend',
  publicHoliday: 'phone.closedHoliday',
  closure: 'phone.closedClosure',
  beforeOpening: 'phone.closedBeforeOpening',
  afterClosing: 'phone.closedAfterClosing',
} as const satisfies Record<NonNullable<PhoneLineStatus['closedReason']>, MessageKey>;

interface UserClock {
  /** The user's zone, when its clock differs from Paris's. */
  zone?: string;
  locale?: string;
}

/** One sentence: open until when, or closed and when it reopens; in Paris time, and in the user's time when it differs. */
function phoneStatusSentence(lang: Lang, status: PhoneLineStatus, user: UserClock = {}): string {
  const zone = user.zone;
  if (status.open && status.closesAt) {
    const closes = formatTime(lang, status.closesAt, user.locale);
    if (!zone) return t(lang, 'phone.openNow', { closes });
    return t(lang, 'phone.openNowYourTime', { closes, localCloses: formatTime(lang, status.closesAt.setZone(zone), user.locale), zone: zoneName(lang, zone, status.closesAt) });
  }
  const reason = t(lang, CLOSED_REASON_KEYS[status.closedReason ?? 'afterClosing']);
  const next = status.nextOpening ? formatDayAndTime(lang, status.nextOpening, user.locale) : '';
  if (!zone || !status.nextOpening) return t(lang, 'phone.closedNow', { reason, next });
  const localNext = formatDayAndTime(lang, status.nextOpening.setZone(zone), user.locale);
  return t(lang, 'phone.closedNowYourTime', { reason, next, localNext, zone: zoneName(lang, zone, status.nextOpening) });
}

export function phoneCard(turn: PhoneCardTurn): View {
  const { lang, now, userZone, locale } = turn;
  const status = phoneLineStatus(now);
  const schedule = CNED_FACTS.phone.schedule;
  const zone = differsFromParis(userZone, now) ? userZone : undefined;
  const facts: Fact[] = [
    { label: t(lang, 'phone.numberLabel'), value: CNED_FACTS.phone.national },
    { label: t(lang, 'phone.fromAbroadLabel'), value: CNED_FACTS.phone.international },
    ...schedule.seasons.map((season) => ({
      label: t(lang, season.id === 'summer' ? 'phone.summerLabel' : 'phone.winterLabel'),
      value: t(lang, 'phone.hoursValue', {
        opens: formatTime(lang, DateTime.fromObject(season.opens), locale),
        closes: formatTime(lang, DateTime.fromObject(season.closes), locale),
      }),
    })),
  ];
  if (zone) {
    const local = hoursInZone(status, zone);
    if (local) {
      facts.push({
        label: t(lang, 'phone.yourTimeLabel', { zone: zoneName(lang, zone, now) }),
        value: t(lang, 'phone.hoursRange', { opens: formatTime(lang, local.opens, locale), closes: formatTime(lang, local.closes, locale) }),
      });
    }
  }
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'phone.title'),
    text: phoneStatusSentence(lang, status, { zone, locale }),
    facts,
    links: [{ title: t(lang, 'phone.callAction'), url: `tel:${CNED_FACTS.phone.tel}` }],
  };
}

/** A card about one of CNED's channels: a title and a sentence from the catalogue, with facts and links. */
function contactCard({ lang }: CardTurn, title: MessageKey, text: MessageKey, extra: { facts?: Fact[]; links?: LinkAction[] } = {}): View {
  return { kind: 'card', variant: 'contact', title: t(lang, title), text: t(lang, text), ...extra };
}

export function formCard(turn: CardTurn, registered: Registered): View {
  const form = registered ? CNED_FACTS.forms.registered : CNED_FACTS.forms.notRegistered;
  return contactCard(turn, registered ? 'form.registeredTitle' : 'form.notRegisteredTitle', registered ? 'form.registeredWhere' : 'form.notRegisteredWhere', {
    links: [{ title: t(turn.lang, 'form.openAction'), url: form.url }],
  });
}

export function cancellationCard(turn: CardTurn, orderNumber: string | undefined): View {
  const fields = CNED_FACTS.cancellationFields;
  return {
    kind: 'card',
    variant: 'formPath',
    title: t(turn.lang, 'cancellation.cardTitle'),
    text: t(turn.lang, 'cancellation.cardIntro'),
    facts: [
      { label: t(turn.lang, 'cancellation.fieldConcerns'), value: fields.concerns },
      { label: t(turn.lang, 'cancellation.fieldDetails'), value: fields.details },
      {
        label: t(turn.lang, 'cancellation.fieldMessage'),
        value: orderNumber ? t(turn.lang, 'cancellation.messageWithOrder', { order: orderNumber }) : t(turn.lang, 'cancellation.messageNoOrder'),
      },
    ],
    links: [{ title: t(turn.lang, 'form.openAction'), url: CNED_FACTS.forms.registered.url }],
  };
}

export function postalCard(turn: CardTurn, recipientKey: 'postal.recipientService' | 'postal.recipientDirector'): View {
  return contactCard(turn, 'postal.title', 'postal.registeredAdvice', {
    facts: [
      { label: t(turn.lang, 'postal.recipientLabel'), value: t(turn.lang, recipientKey) },
      { label: t(turn.lang, 'postal.addressLabel'), value: CNED_FACTS.postalAddress.lines.join(', ') },
      { label: t(turn.lang, 'postal.checkLabel'), value: t(turn.lang, 'postal.unverified') },
    ],
    links: [{ title: t(turn.lang, 'postal.checkAction'), url: CNED_FACTS.contactPageUrl }],
  });
}

export function faxCard(turn: CardTurn): View {
  return contactCard(turn, 'fax.title', 'fax.text', {
    facts: [
      { label: t(turn.lang, 'fax.numberLabel'), value: CNED_FACTS.fax.national },
      { label: t(turn.lang, 'phone.fromAbroadLabel'), value: CNED_FACTS.fax.international },
    ],
  });
}

export function socialCard(turn: CardTurn): View {
  return contactCard(turn, 'social.title', 'social.text', {
    links: CNED_FACTS.socialNetworks.map((network) => ({ title: network.name, url: network.url })),
  });
}

export function faqCard(turn: CardTurn): View {
  return contactCard(turn, 'faq.title', 'faq.text', { links: [{ title: t(turn.lang, 'faq.openAction'), url: CNED_FACTS.faqUrl }] });
}

export function mediatorCard(turn: CardTurn): View {
  return contactCard(turn, 'mediator.title', 'mediator.condition', {
    links: [{ title: t(turn.lang, 'mediator.openAction'), url: CNED_FACTS.mediator.url }],
  });
}

/** The Défenseur des droits, beside the mediator at the end of the ladder (domain-facts.md). */
export function defenderCard(turn: CardTurn): View {
  return contactCard(turn, 'defender.title', 'defender.text', {
    links: [{ title: t(turn.lang, 'defender.openAction'), url: CNED_FACTS.defenderOfRights.url }],
  });
}
