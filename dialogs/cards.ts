/** Views of CNED's channels, built from the facts and the rules for the turn's instant and language. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../src/facts/cned';
import type { Lang } from '../src/domain/types';
import { phoneLineStatus, hoursInZone, PhoneLineStatus } from '../src/rules/phoneLine';
import type { View, Fact, LinkAction } from '../src/rendering/view';
import { t } from '../src/i18n/messages';
import type { MessageKey } from '../src/i18n/messages';
import { differsFromParis, formatDayAndTime, formatTime, msg, turnInfo, zoneName } from './say';

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

export function phoneCard(context: TurnContext): View {
  const { lang, now, userZone, locale } = turnInfo(context);
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
function contactCard(context: TurnContext, title: MessageKey, text: MessageKey, extra: { facts?: Fact[]; links?: LinkAction[] } = {}): View {
  return { kind: 'card', variant: 'contact', title: msg(context, title), text: msg(context, text), ...extra };
}

export function formCard(context: TurnContext, registered: Registered): View {
  const form = registered ? CNED_FACTS.forms.registered : CNED_FACTS.forms.notRegistered;
  return contactCard(context, registered ? 'form.registeredTitle' : 'form.notRegisteredTitle', registered ? 'form.registeredWhere' : 'form.notRegisteredWhere', {
    links: [{ title: msg(context, 'form.openAction'), url: form.url }],
  });
}

export function cancellationCard(context: TurnContext, orderNumber: string | undefined): View {
  const fields = CNED_FACTS.cancellationFields;
  return {
    kind: 'card',
    variant: 'formPath',
    title: msg(context, 'cancellation.cardTitle'),
    text: msg(context, 'cancellation.cardIntro'),
    facts: [
      { label: msg(context, 'cancellation.fieldConcerns'), value: fields.concerns },
      { label: msg(context, 'cancellation.fieldDetails'), value: fields.details },
      {
        label: msg(context, 'cancellation.fieldMessage'),
        value: orderNumber ? msg(context, 'cancellation.messageWithOrder', { order: orderNumber }) : msg(context, 'cancellation.messageNoOrder'),
      },
    ],
    links: [{ title: msg(context, 'form.openAction'), url: CNED_FACTS.forms.registered.url }],
  };
}

export function postalCard(context: TurnContext, recipientKey: 'postal.recipientService' | 'postal.recipientDirector'): View {
  return contactCard(context, 'postal.title', 'postal.registeredAdvice', {
    facts: [
      { label: msg(context, 'postal.recipientLabel'), value: msg(context, recipientKey) },
      { label: msg(context, 'postal.addressLabel'), value: CNED_FACTS.postalAddress.lines.join(', ') },
      { label: msg(context, 'postal.checkLabel'), value: msg(context, 'postal.unverified') },
    ],
    links: [{ title: msg(context, 'postal.checkAction'), url: CNED_FACTS.contactPageUrl }],
  });
}

export function faxCard(context: TurnContext): View {
  return contactCard(context, 'fax.title', 'fax.text', {
    facts: [
      { label: msg(context, 'fax.numberLabel'), value: CNED_FACTS.fax.national },
      { label: msg(context, 'phone.fromAbroadLabel'), value: CNED_FACTS.fax.international },
    ],
  });
}

export function socialCard(context: TurnContext): View {
  return contactCard(context, 'social.title', 'social.text', {
    links: CNED_FACTS.socialNetworks.map((network) => ({ title: network.name, url: network.url })),
  });
}

export function faqCard(context: TurnContext): View {
  return contactCard(context, 'faq.title', 'faq.text', { links: [{ title: msg(context, 'faq.openAction'), url: CNED_FACTS.faqUrl }] });
}

export function mediatorCard(context: TurnContext): View {
  return contactCard(context, 'mediator.title', 'mediator.condition', {
    links: [{ title: msg(context, 'mediator.openAction'), url: CNED_FACTS.mediator.url }],
  });
}

/** The Défenseur des droits, beside the mediator at the end of the ladder (domain-facts.md). */
export function defenderCard(context: TurnContext): View {
  return contactCard(context, 'defender.title', 'defender.text', {
    links: [{ title: msg(context, 'defender.openAction'), url: CNED_FACTS.defenderOfRights.url }],
  });
}
