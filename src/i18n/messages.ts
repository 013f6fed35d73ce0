/**
 * Every sentence the bot says lives in locales/<lang>/messages.json. The French catalogue defines the keys;
 * the English one is type-checked against it, so a key missing in English fails to compile.
 */
import fr from '../../locales/fr/messages.json';
import en from '../../locales/en/messages.json';
import type { Lang } from '../domain/types';

export type MessageKey = keyof typeof fr;
export type MessageParams = Record<string, string | number>;

const englishCatalog: Record<MessageKey, string> = en;
export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { fr, en: englishCatalog };

/** French by default, English when the locale starts with "en" (activity.locale). */
export function langFromLocale(locale: string | undefined): Lang {
  return typeof locale === 'string' && /^en\b/i.test(locale) ? 'en' : 'fr';
}

/** The sentence for a key, with {placeholders} filled; a missing parameter is left visible rather than hidden. */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[lang][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, value);
}
