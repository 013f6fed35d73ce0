/**
 * Every CNED fact the assistant states, in one typed place (domain-facts.md).
 * Dialogs and messages read from here; no number, URL or hour is written anywhere else.
 */

/** A time of day, Europe/Paris. */
export interface ClockTime {
  hour: number;
  minute: number;
}

/** A phone season: from its first month-day to its last month-day inclusive (may wrap around the new year). */
export interface PhoneSeason {
  id: 'summer' | 'winter';
  from: { month: number; day: number };
  to: { month: number; day: number };
  opens: ClockTime;
  closes: ClockTime;
}

export interface PhoneSchedule {
  timeZone: string;
  /** ISO weekdays (1 = Monday) on which the line answers. */
  weekdays: number[];
  seasons: PhoneSeason[];
  /** The line is closed on French public holidays (Code du travail L3133-1). */
  closedOnPublicHolidays: boolean;
  /** Extra closures an operator can add (bridge days), ISO dates yyyy-mm-dd. */
  extraClosures: string[];
}

export interface ContactForm {
  url: string;
}

export const CNED_FACTS = {
  name: 'CNED',
  website: 'https://www.cned.fr',
  phone: {
    national: '05 49 49 94 94',
    international: '+33 5 49 49 94 94',
    tel: '+33549499494',
    /**
     * The source says 8:30–18:30 "between June and October" and 8:30–18:00 "from October to May".
     * Decision (domain-facts.md): June 1 – September 30 is summer, October 1 – May 31 is winter.
     */
    schedule: {
      timeZone: 'Europe/Paris',
      weekdays: [1, 2, 3, 4, 5],
      seasons: [
        { id: 'summer', from: { month: 6, day: 1 }, to: { month: 9, day: 30 }, opens: { hour: 8, minute: 30 }, closes: { hour: 18, minute: 30 } },
        { id: 'winter', from: { month: 10, day: 1 }, to: { month: 5, day: 31 }, opens: { hour: 8, minute: 30 }, closes: { hour: 18, minute: 0 } },
      ],
      closedOnPublicHolidays: true,
      extraClosures: [],
    } satisfies PhoneSchedule as PhoneSchedule,
  },
  fax: {
    national: '05 49 49 96 96',
    international: '+33 5 49 49 96 96',
  },
  forms: {
    /** Contact form inside the registered user's space ("compte inscrit"). */
    registered: { url: 'https://www.cned.fr/mon-espace-inscrit' } satisfies ContactForm,
    /** For people not registered: reached from the FAQ page. */
    notRegistered: { url: 'https://www.cned.fr/faq' } satisfies ContactForm,
    /** Online withdrawal form, in the FAQ. */
    withdrawal: { url: 'https://www.cned.fr/faq' } satisfies ContactForm,
  },
  faqUrl: 'https://www.cned.fr/faq',
  contactPageUrl: 'https://www.cned.fr/nous-contacter',
  /** Field values of the contact form for a cancellation or interruption (source text, verbatim). */
  cancellationFields: {
    concerns: "L'inscription",
    details: "Modification/Annulation de l'inscription",
  },
  /**
   * The source omits the address. This is the widely published one, NOT verified here:
   * always shown with the official contact page as the place to check it.
   */
  postalAddress: {
    lines: ['CNED', '2 boulevard Nicéphore Niépce', 'Téléport 2', 'BP 80300', '86963 Futuroscope Chasseneuil Cedex'],
    verified: false,
  },
  socialNetworks: [
    { name: 'Facebook', url: 'https://www.facebook.com/cned' },
    { name: 'X (Twitter)', url: 'https://x.com/cned' },
    { name: 'LinkedIn', url: 'https://www.linkedin.com/school/cned' },
  ],
  mediator: {
    url: 'https://www.cned.fr/nous-contacter/la-mediation-au-cned',
  },
  /** Not CNED's own: the public rights ombudsman, free, for a dispute with a public service (domain-facts.md). */
  defenderOfRights: {
    url: 'https://www.defenseurdesdroits.fr',
  },
  /** Rules of law the dialogs quote (domain-facts.md, "Rules of law"). */
  law: {
    withdrawalDays: 14,
    withdrawalInfoMissingExtensionMonths: 12,
    refundAfterWithdrawalDays: 14,
    phoneFollowUpAfterDays: 21,
    implicitRejectionMonths: 2,
  },
} as const;

export type CnedFacts = typeof CNED_FACTS;
