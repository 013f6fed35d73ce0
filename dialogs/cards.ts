/** Views of CNED's channels, built from the facts and the rules for the turn's instant and language. */
import type { TurnContext } from 'botbuilder';
import { DateTime } from 'luxon';
import { CNED_FACTS } from '../src/facts/cned';
import { phoneLineStatus, hoursInZone, PhoneLineStatus } from '../src/rules/phoneLine';
import type { View, Fact } from '../src/rendering/view';
import { t } from '../src/i18n/messages';
import type { MessageKey } from '../src/i18n/messages';
import { formatDayAndTime, formatTime, turnInfo } from './say';

type Registered = boolean;

const CLOSED_REASON_KEYS = {
  weekend: 'phone.closedWeekend',
  publicHoliday: 'phone.closedHoliday',
  closure: 'phone.closedClosure',
  beforeOpening: 'phone.closedBeforeOpening',
  afterClosing: 'phone.closedAfterClosing',
} as const satisfies Record<NonNullable<PhoneLineStatus['closedReason']>, MessageKey>;

/** One sentence: open until when, or closed and when it reopens. */
export function phoneStatusSentence(context: TurnContext): string {
  const { lang, now } = turnInfo(context);
  const status = phoneLineStatus(now);
  if (status.open && status.closesAt) {
    return t(lang, 'phone.openNow', { closes: formatTime(lang, status.closesAt) });
  }
  const reason = t(lang, CLOSED_REASON_KEYS[status.closedReason ?? 'afterClosing']);
  const next = status.nextOpening ? formatDayAndTime(lang, status.nextOpening) : '';
  return t(lang, 'phone.closedNow', { reason, next });
}

export function phoneCard(context: TurnContext): View {
  const { lang, now, userZone } = turnInfo(context);
  const status = phoneLineStatus(now);
  const schedule = CNED_FACTS.phone.schedule;
  const facts: Fact[] = [
    { label: t(lang, 'phone.numberLabel'), value: CNED_FACTS.phone.national },
    { label: t(lang, 'phone.fromAbroadLabel'), value: CNED_FACTS.phone.international },
    ...schedule.seasons.map((season) => ({
      label: t(lang, season.id === 'summer' ? 'phone.summerLabel' : 'phone.winterLabel'),
      value: t(lang, 'phone.hoursValue', {
        opens: formatTime(lang, DateTime.fromObject(season.opens)),
        closes: formatTime(lang, DateTime.fromObject(season.closes)),
      }),
    })),
  ];
  if (userZone && userZone !== schedule.timeZone) {
    const local = hoursInZone(status, userZone);
    if (local) {
      facts.push({
        label: t(lang, 'phone.yourTimeLabel', { zone: userZone }),
        value: t(lang, 'phone.hoursRange', { opens: formatTime(lang, local.opens), closes: formatTime(lang, local.closes) }),
      });
    }
  }
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'phone.title'),
    text: phoneStatusSentence(context),
    facts,
    links: [{ title: t(lang, 'phone.callAction'), url: `tel:${CNED_FACTS.phone.tel}` }],
  };
}

export function formCard(context: TurnContext, registered: Registered): View {
  const { lang } = turnInfo(context);
  const form = registered ? CNED_FACTS.forms.registered : CNED_FACTS.forms.notRegistered;
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, registered ? 'form.registeredTitle' : 'form.notRegisteredTitle'),
    text: t(lang, registered ? 'form.registeredWhere' : 'form.notRegisteredWhere'),
    links: [{ title: t(lang, 'form.openAction'), url: form.url }],
  };
}

export function cancellationCard(context: TurnContext, orderNumber: string | undefined): View {
  const { lang } = turnInfo(context);
  const fields = CNED_FACTS.cancellationFields;
  return {
    kind: 'card',
    variant: 'formPath',
    title: t(lang, 'cancellation.cardTitle'),
    text: t(lang, 'cancellation.cardIntro'),
    facts: [
      { label: t(lang, 'cancellation.fieldConcerns'), value: fields.concerns },
      { label: t(lang, 'cancellation.fieldDetails'), value: fields.details },
      {
        label: t(lang, 'cancellation.fieldMessage'),
        value: orderNumber ? t(lang, 'cancellation.messageWithOrder', { order: orderNumber }) : t(lang, 'cancellation.messageNoOrder'),
      },
    ],
    links: [{ title: t(lang, 'form.openAction'), url: CNED_FACTS.forms.registered.url }],
  };
}

export function postalCard(context: TurnContext, recipientKey: 'postal.recipientService' | 'postal.recipientDirector'): View {
  const { lang } = turnInfo(context);
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'postal.title'),
    text: t(lang, 'postal.registeredAdvice'),
    facts: [
      { label: t(lang, 'postal.recipientLabel'), value: t(lang, recipientKey) },
      { label: t(lang, 'postal.addressLabel'), value: CNED_FACTS.postalAddress.lines.join(', ') },
      { label: t(lang, 'postal.checkLabel'), value: t(lang, 'postal.unverified') },
    ],
    links: [{ title: t(lang, 'postal.checkAction'), url: CNED_FACTS.contactPageUrl }],
  };
}

export function faxCard(context: TurnContext): View {
  const { lang } = turnInfo(context);
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'fax.title'),
    text: t(lang, 'fax.text'),
    facts: [
      { label: t(lang, 'fax.numberLabel'), value: CNED_FACTS.fax.national },
      { label: t(lang, 'phone.fromAbroadLabel'), value: CNED_FACTS.fax.international },
    ],
  };
}

export function socialCard(context: TurnContext): View {
  const { lang } = turnInfo(context);
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'social.title'),
    text: t(lang, 'social.text'),
    links: CNED_FACTS.socialNetworks.map((network) => ({ title: network.name, url: network.url })),
  };
}

export function faqCard(context: TurnContext): View {
  const { lang } = turnInfo(context);
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'faq.title'),
    text: t(lang, 'faq.text'),
    links: [{ title: t(lang, 'faq.openAction'), url: CNED_FACTS.faqUrl }],
  };
}

export function mediatorCard(context: TurnContext): View {
  const { lang } = turnInfo(context);
  return {
    kind: 'card',
    variant: 'contact',
    title: t(lang, 'mediator.title'),
    text: t(lang, 'mediator.condition'),
    links: [{ title: t(lang, 'mediator.openAction'), url: CNED_FACTS.mediator.url }],
  };
}
