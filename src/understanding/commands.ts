/** Commands that work at any point of a conversation, in French and English. */
import { normalizeText } from '../src/understanding/normalize';

export type GlobalCommand = 'menu' | 'help' | 'restart' | 'cancel' | 'person' | 'deleteData';

/** Whole-message phrases (after normalization): "annuler" alone cancels, "annuler mon inscription" does not. */
const EXACT: Record<GlobalCommand, readonly string[]> = {
  menu: ['menu', 'menu principal', 'main menu', 'accueil', 'retour au menu', 'back to menu', 'home'],
  help: ['aide', 'help', 'a l aide', 'besoin d aide', 'i need help', 'que pouvez vous faire', 'what can you do'],
  restart: ['recommencer', 'restart', 'start over', 'reset', 'recommencer la conversation', 'nouvelle conversation', 'reprendre depuis le debut'],
  cancel: ['annuler', 'cancel', 'stop', 'quitter', 'quit', 'abandonner', 'laisse tomber', 'never mind', 'nevermind', 'exit'],
  person: ['conseiller', 'un conseiller', 'humain', 'un humain', 'agent', 'operateur', 'human', 'person', 'a person', 'operator'],
  deleteData: ['supprimer mes donnees', 'effacer mes donnees', 'delete my data', 'erase my data', 'forget me', 'oubliez moi'],
};

/** Phrases recognised inside a longer message: asking for a person or for erasure is never ambiguous. */
const CONTAINED: Partial<Record<GlobalCommand, readonly string[]>> = {
  person: [
    'parler a un conseiller',
    'parler a une personne',
    'parler a un humain',
    'parler a quelqu un',
    'un vrai conseiller',
    'une vraie personne',
    'talk to a person',
    'talk to a human',
    'speak to a person',
    'speak to someone',
    'talk to someone',
    'real person',
  ],
  deleteData: ['supprimer mes donnees', 'effacer mes donnees', 'delete my data', 'erase my data'],
};

export function matchGlobalCommand(text: string): GlobalCommand | undefined {
  const said = normalizeText(text)
    .replace(/['’\-]/g, ' ')
    .replace(/[.!?,;:]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!said || said.length > 200) return undefined;
  const commands = Object.keys(EXACT) as GlobalCommand[];
  const exact = commands.find((command) => EXACT[command].includes(said));
  if (exact) return exact;
  return commands.find((command) => (CONTAINED[command] ?? []).some((phrase) => ` ${said} `.includes(` ${phrase} `)));
}
