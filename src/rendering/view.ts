/**
 * What a dialog wants to show, independent of the channel. One module (render.ts) turns views into what
 * each channel can display (Adaptive Cards, hero cards, quick replies, plain text).
 */

/** A choice offered as a button. Typing the title, a synonym or its number picks it too. */
export interface ChoiceOption {
  value: string;
  title: string;
  synonyms?: readonly string[];
}

export interface LinkAction {
  title: string;
  url: string;
}

export interface Fact {
  label: string;
  value: string;
}

/** contact: how to reach CNED; deadline: a computed date; formPath: the fields to fill in a form; info: anything else. */
export type CardVariant = 'contact' | 'deadline' | 'formPath' | 'info';

export type View =
  | { kind: 'text'; text: string }
  | { kind: 'card'; variant: CardVariant; title: string; text?: string; facts?: Fact[]; links?: LinkAction[] }
  | { kind: 'choice'; text: string; choices: ChoiceOption[] };

export const textView = (text: string): View => ({ kind: 'text', text });

export type TextView = Extract<View, { kind: 'text' }>;
export type CardView = Extract<View, { kind: 'card' }>;
export type ChoiceView = Extract<View, { kind: 'choice' }>;
