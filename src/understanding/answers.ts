/** Short answers to the assistant's own questions: yes, no, "I don't know", in their many written forms. */
import type { YesNo } from '../domain/understanding';
import { normalizeText } from './normalize';

const UNKNOWN =
  /^(?:je (?:ne )?sais (?:pas|plus)|j(?:e n)?'?sais pas|sais pas|jsp|aucune idee|pas d'idee|je ne me souviens (?:pas|plus)|je me souviens plus|je sais plus|je ne sais plus|aucun souvenir|i don'?t know|dunno|no idea|not sure|i'?m not sure|i (?:can'?t|cannot|don'?t) remember|i forgot|idk)\b/;
const NO =
  /^(?:non|nan|nn|nope|no|pas du tout|pas vraiment|pas (?:pour|besoin)|rien|aucun|c'est tout|ca ira|ca va aller|ca va|c'est bon|c bon|merci c'est tout|merci ca ira|non merci|nothing|not really|that'?s all|that'?s it|all good|i'?m good|no thanks|no thank you|nah)\b/;
const YES =
  /^(?:oui|ouais|ouai|ouep|yes|yep|yeah|yup|ok|okay|d'accord|dac|bien sur|exact|exactement|voila|c'est ca|tout a fait|absolument|volontiers|sure|of course|right|correct|please|oui merci|oui svp|yes please)\b/;

/** "Pas encore" alone is a no; "pas encore reçu mes codes" is a problem, not a no. */
const NOT_YET = /^(?:non )?(?:pas encore|not yet|no not yet)(?: non)?$/;

/** "Je ne me souviens plus de la date exacte": "I don't know" followed only by words about the date. */
const UNKNOWN_ABOUT_DATE = new RegExp(
  `${UNKNOWN.source.replace(/\\b$/, '')}(?:\\s+(?:de|la|le|du|des|the|a|exact|exacte|date|dates|jour|day|mois|month|exactly|precisement|vraiment|trop|bien|plus|sorry|desole|desolee))*$`,
);

/** Whether a short reply says yes, no or "I don't know"; undefined for anything else (a long message is not a yes). */
export function readYesNo(text: string): YesNo | undefined {
  const said = normalizeText(text).replace(/[!.,?;:]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (UNKNOWN_ABOUT_DATE.test(said)) return 'unknown';
  if (!said || said.split(' ').length > 8) return undefined;
  if (UNKNOWN.test(said)) return 'unknown';
  if (NO.test(said) || NOT_YET.test(said)) return 'no';
  if (YES.test(said)) return 'yes';
  // "inscrite oui", "registered yes": a short reply that ends on its yes or no.
  const words = said.split(' ');
  if (words.length <= 3 && words.length > 1) {
    const last = words[words.length - 1];
    if (/^(?:oui|ouais|yes|yep|yeah)$/.test(last)) return 'yes';
    if (/^(?:non|nan|no|nope)$/.test(last)) return 'no';
  }
  return undefined;
}
