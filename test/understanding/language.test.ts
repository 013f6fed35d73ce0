/** The text's language: claimed only when the text is long and clear enough, never from a short text's n-grams alone. */
import { detectLanguage } from '../../src/understanding/language';

test.each([
  ['je voudrais me rétracter de ma formation, je me suis inscrite hier', 'fr'],
  ["mes devoirs ne sont toujours pas corrigés depuis six semaines", 'fr'],
  ['I want to complain to the mediator', 'en'],
  ['my homework has not been marked for six weeks', 'en'],
  // short texts whose letters look like the other language, and words of both: no claim
  ['a registered letter', undefined],
  ['mediation request form', undefined],
  // no clear n-gram guess, but only English function words
  ['about 5 weeks ago', 'en'],
  ['I am pregnant and I must stop my studies for a while', 'en'],
  ['ok merci', undefined],
  ['CNED', undefined],
])('%j is %s', (text, lang) => {
  expect(detectLanguage(text)).toBe(lang);
});
