/** Amounts in euros read from a message, in cents, for the letters that compute on them (refund notice, debit contest). */
import { extractAmountCents } from '../../src/understanding/entities';
test.each([['450 €', 45000], ['1 200,50 euros', 120050], ['€99.90', 9990], ['payé 35 eur', 3500], ['commande 784512', undefined], ['le 20 novembre', undefined]])('%s', (text, cents) => expect(extractAmountCents(text)).toBe(cents));
