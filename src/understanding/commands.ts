/**
 * Commands that work at any point of a conversation, in French and English. A command is a whole short message
 * ("menu", "supprimer mes données", "je veux parler à un conseiller"), never part of a sentence about something
 * else: "je souhaite que le CNED supprime mes données personnelles" is a request to CNED, not an erasure of the chat.
 */
import type { GlobalCommand } from '../domain/understanding';
import { normalizeText } from './normalize';


/** Whole-message phrases (after normalization and the polite words below): "annuler" alone cancels, "annuler mon inscription" does not. */
const PHRASES: Record<GlobalCommand, readonly string[]> = {
  menu: ['menu', 'menu principal', 'main menu', 'accueil', 'retour au menu', 'revenir au menu', 'back to menu', 'home', 'show me the menu', 'voir le menu'],
  help: ['aide', 'help', 'a l aide', 'besoin d aide', 'i need help', 'que pouvez vous faire', 'what can you do', 'comment ca marche', 'how does this work'],
  restart: ['recommencer', 'restart', 'start over', 'reset', 'recommencer la conversation', 'nouvelle conversation', 'new conversation', 'reprendre depuis le debut', 'on recommence'],
  cancel: ['annuler', 'cancel', 'stop', 'quitter', 'quit', 'abandonner', 'laisse tomber', 'laissez tomber', 'never mind', 'nevermind', 'exit', 'annule'],
  person: [
    'conseiller', 'un conseiller', 'une conseillere', 'humain', 'un humain', 'agent', 'operateur', 'human', 'person', 'a person', 'operator',
    'parler a un conseiller', 'parler a une conseillere', 'parler a une personne', 'parler a un humain', 'parler a quelqu un',
    'un vrai conseiller', 'une vraie personne', 'talk to a person', 'talk to a human', 'speak to a person', 'speak to someone',
    'talk to someone', 'a real person', 'real person', 'talk to an agent', 'speak to an agent',
  ],
  deleteData: [
    'supprimer mes donnees', 'effacer mes donnees', 'supprimez mes donnees', 'effacez mes donnees', 'supprime mes donnees', 'efface mes donnees',
    'supprimer la conversation', 'effacer la conversation', 'effacer cette conversation', 'supprimer cette conversation',
    'delete my data', 'erase my data', 'delete this conversation', 'erase this conversation', 'forget me', 'oubliez moi',
  ],
};

/** Polite words around a command that do not change it ("je voudrais parler à un conseiller svp"). */
const POLITE = /^(?:(?:bonjour|bonsoir|salut|hello|hi|ok|alors|please|svp|merci de|pouvez vous|pourriez vous|peux tu|can you|could you|can i|could i|may i|i want to|i would like to|i'd like to|i d like to|je veux|je voudrais|j aimerais|je souhaite|je peux|puis je|est ce que je peux)\s+)+|(?:\s+(?:svp|s il vous plait|s il te plait|please|merci|thanks|thank you|maintenant|now))+$/g;

/** Longer messages are never commands. */
const MAX_COMMAND_WORDS = 8;

const INDEX = new Map<string, GlobalCommand>(
  (Object.keys(PHRASES) as GlobalCommand[]).flatMap((command) => PHRASES[command].map((phrase): [string, GlobalCommand] => [phrase, command])),
);

/** The command a whole message gives, if any. */
export function matchGlobalCommand(text: string): GlobalCommand | undefined {
  if (typeof text !== 'string' || text.length > 200) return undefined;
  const said = normalizeText(text)
    .replace(/['’\-]/g, ' ')
    .replace(/[.!?,;:()«»"]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!said || said.split(' ').length > MAX_COMMAND_WORDS) return undefined;
  return INDEX.get(said) ?? INDEX.get(said.replace(POLITE, '').trim());
}
