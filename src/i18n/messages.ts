/**
 * Every sentence the bot says lives in locales/<lang>/messages.json. The French catalogue defines the keys;
 * the English one is type-checked against it, so a key missing in English fails to compile.
 *
 * Messages are ICU MessageFormat, rendered by intl-messageformat (FormatJS): `{name}` fills a value,
 * `{n, number}` formats a number the language's way ("2 000" / "2,000") and
 * `{days, plural, one {# jour} other {# jours}}` picks the plural form by the language's CLDR rules.
 * A single apostrophe is plain text (ICU quotes only before `{ } # |` or another apostrophe), so French
 * elisions are written as they are read. Compiled formatters are cached per language and key.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import fr from '../../locales/fr/messages.json';
import en from '../../locales/en/messages.json';
import type { Lang } from '../domain/types';

export type MessageKey = keyof typeof fr;
export type MessageParams = Record<string, string | number>;

const englishCatalog: Record<MessageKey, string> = en;
export const CATALOGS: Record<Lang, Record<MessageKey, string>> = { fr, en: englishCatalog };

/** The locale whose number and plural rules each language's messages follow. */
export const MESSAGE_LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

/** French by default, English when the locale starts with "en" (activity.locale). */
export function langFromLocale(locale: string | undefined): Lang {
  return typeof locale === 'string' && /^en\b/i.test(locale) ? 'en' : 'fr';
}

export interface Placeholder {
  name: string;
  /** A plain `{name}` can be shown as is when its value is missing; a number, plural or select cannot. */
  plain: boolean;
}

interface Compiled {
  format: IntlMessageFormat;
  placeholders: Placeholder[];
}

/** One entry per language and key: bounded by the catalogues. */
const compiled = new Map<string, Compiled>();

function collectPlaceholders(elements: MessageFormatElement[], found: Map<string, boolean>): void {
  for (const element of elements) {
    if (element.type === TYPE.argument) {
      if (!found.has(element.value)) found.set(element.value, true);
    } else if (element.type === TYPE.number || element.type === TYPE.date || element.type === TYPE.time) {
      found.set(element.value, false);
    } else if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.set(element.value, false);
      for (const option of Object.values(element.options)) collectPlaceholders(option.value, found);
    }
  }
}

/** Parses a message (throws on bad ICU syntax) and lists its placeholders, sorted by name. */
export function compileMessage(lang: Lang, template: string): Compiled {
  // Sentences are plain text: "<" is a character, not the start of a rich-text tag.
  const format = new IntlMessageFormat(template, MESSAGE_LOCALES[lang], undefined, { ignoreTag: true });
  const found = new Map<string, boolean>();
  collectPlaceholders(format.getAst(), found);
  const placeholders = [...found].map(([name, plain]) => ({ name, plain })).sort((a, b) => a.name.localeCompare(b.name));
  return { format, placeholders };
}

function compiledFor(lang: Lang, key: MessageKey): Compiled {
  const cacheKey = `${lang}:${key}`;
  let entry = compiled.get(cacheKey);
  if (!entry) {
    entry = compileMessage(lang, CATALOGS[lang][key]);
    compiled.set(cacheKey, entry);
  }
  return entry;
}

/** The placeholders of a message, for the catalogue tests. */
export function placeholdersOf(lang: Lang, key: MessageKey): Placeholder[] {
  return compiledFor(lang, key).placeholders;
}

/**
 * The sentence for a key, with its placeholders filled. A missing value is left visible rather than hidden:
 * a plain `{name}` stays as written, and a message missing a number is returned as its source.
 */
export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const template = CATALOGS[lang][key];
  // No placeholder and no apostrophe: nothing ICU could change.
  if (!template.includes('{') && !template.includes("'")) return template;
  const { format, placeholders } = compiledFor(lang, key);
  const values: Record<string, string | number> = { ...params };
  for (const { name, plain } of placeholders) {
    if (name in values) continue;
    if (!plain) return template;
    values[name] = `{${name}}`;
  }
  const text = format.format(values);
  return typeof text === 'string' ? text : String(text);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(fr, value);
}
