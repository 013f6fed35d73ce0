/** The six letters: content read back from the generated PDF; which letter fits; the French catalogue. */
import fs from 'node:fs';
import path from 'node:path';
import type { CaseFile, LetterKind } from '../../src/domain/caseFile';
import { LETTER_KINDS } from '../../src/domain/caseFile';
import { buildLetter, letterText, lettersFor, l, type Letter } from '../../src/documents/letters';
import { letterPdf } from '../../src/documents/pdf';
import { chunkText, letterExplanation, letterForChat } from '../../src/documents';
import catalogue from '../../locales/fr/letters.json';
import { pdfText, squash, THIRD_COMPLAINT, THIRD_TODAY } from './support';

/** The letters use no-break spaces (before « : ; % € », in amounts); the expectations are written with plain ones. */
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const textOf = (kind: LetterKind, file: CaseFile, today: string): string => plain(letterText(buildLetter(kind, file, today)));

const REFUND: CaseFile = {
  problem: 'refundDelay',
  registeredOn: '2026-06-01',
  paidOn: '2026-06-02',
  withdrawnOn: '2026-06-10',
  orderNumber: 'C1234567',
  amountCents: 123456,
  history: [{ kind: 'form', on: '2026-07-01', outcome: 'unanswered' }],
  deadlines: [],
};
const COMPLAINT: CaseFile = {
  problem: 'missingAccessCodes',
  registeredOn: '2026-09-01',
  paidOn: '2026-09-03',
  history: [
    { kind: 'form', on: '2026-09-20', outcome: 'unanswered' },
    { kind: 'phone', on: '2026-10-14', outcome: 'unknown' },
  ],
  deadlines: [],
};
const APPEAL: CaseFile = {
  problem: 'cancellation',
  orderNumber: '987654',
  history: [
    { kind: 'form', on: '2026-06-02', outcome: 'unanswered' },
    { kind: 'registeredLetter', on: '2026-07-01', outcome: 'unanswered' },
  ],
  deadlines: [],
};
const WITHDRAWAL: CaseFile = { problem: 'withdrawal', registeredOn: '2026-11-20', paidOn: '2026-11-21', history: [], deadlines: [] };
const DEBIT: CaseFile = { problem: 'debitDispute', paidOn: '2026-09-05', amountCents: 45000, history: [], deadlines: [] };
const COLLECTION: CaseFile = { problem: 'collectionLetter', history: [], deadlines: [] };

/** [letter, case, today, what the PDF must say]. */
const CASES: [LetterKind, CaseFile, string, string[]][] = [
  [
    'complaint',
    COMPLAINT,
    '2026-11-02',
    [
      'Lettre recommandée avec avis de réception',
      'Objet : Réclamation – codes d’accès aux cours non reçus',
      'Je suis inscrit(e) au CNED depuis le 1er septembre 2026',
      'J’ai réglé mon inscription le 3 septembre 2026.',
      'le 20 septembre 2026, j’ai écrit au CNED par son formulaire de contact en ligne ; cette démarche est restée sans réponse.',
      'le 14 octobre 2026, j’ai contacté le CNED par téléphone',
      'me transmettre sans délai mes codes d’accès aux cours',
      'article L112-3 du Code des relations entre le public et l’administration',
      'article L231-4',
      '[Votre numéro d’inscrit]',
      '[Vos nom et prénom]',
      '[Votre adresse postale]',
      '86963 Futuroscope Chasseneuil Cedex',
      '[Votre ville], le 2 novembre 2026',
    ],
  ],
  [
    'directorAppeal',
    APPEAL,
    '2026-09-15',
    [
      'À l’attention du Directeur général',
      'Objet : Recours gracieux – annulation de mon inscription',
      'Par lettre recommandée avec avis de réception du 1er juillet 2026',
      'vaut décision implicite de rejet en application de l’article L231-4',
      'je forme auprès de vous un recours gracieux',
      'Numéro de commande : 987654',
      'Copie de ma réclamation du 1er juillet 2026 et de son avis de réception',
      'Madame, Monsieur le Directeur général,',
    ],
  ],
  [
    'mediator',
    THIRD_COMPLAINT,
    THIRD_TODAY,
    [
      'Médiateur du CNED',
      'Saisine en ligne : https://www.cned.fr/nous-contacter/la-mediation-au-cned',
      'le 16 juillet 2026, j’ai écrit au CNED par son formulaire de contact en ligne ; cette démarche est restée sans réponse.',
      'le 20 août 2026, j’ai adressé au CNED une réclamation écrite par lettre recommandée avec avis de réception ; ma demande a été refusée.',
      'le 10 septembre 2026, j’ai contacté le CNED par téléphone',
      'le 8 octobre 2026, j’ai formé un recours auprès du Directeur général du CNED par lettre recommandée avec avis de réception ; cette démarche est restée sans réponse.',
      'Copie de ma réclamation écrite du 20 août 2026 et de son avis de réception',
      'Copie de mon recours auprès du Directeur général du 8 octobre 2026',
      'par le lien « Médiation » en bas de la page d’accueil du CNED',
      'La médiation ne suspend pas les délais pour saisir le juge.',
    ],
  ],
  [
    'refundNotice',
    REFUND,
    '2026-08-20',
    [
      'Objet : Mise en demeure de rembourser après rétractation',
      'Le 10 juin 2026, j’ai exercé mon droit de rétractation',
      'article L221-18 du Code de la consommation',
      'article L221-24',
      'au plus tard le 24 juin 2026',
      'le retard est de 57 jours',
      'article L242-4',
      'majorées de plein droit de 20 %',
      'Sur la somme de 1 234,56 €, la majoration s’élève à 246,91 €, soit un total de 1 481,47 €.',
      'Je vous mets en demeure de me rembourser sans délai la somme de 1 481,47 €.',
      'Numéro de commande : C1234567',
      'le 1er juillet 2026, j’ai écrit au CNED',
    ],
  ],
  [
    'withdrawal',
    WITHDRAWAL,
    '2026-11-26',
    [
      'Objet : Rétractation – formulaire de rétractation',
      'annexe de l’article R221-1',
      'article L221-18',
      'Je vous notifie par la présente ma rétractation du contrat portant sur la prestation de services ci-dessous :',
      'Commandé le : 20 novembre 2026',
      'Payé le : 21 novembre 2026',
      'Nom du consommateur : [Vos nom et prénom]',
      'Adresse du consommateur : [Votre adresse postale]',
      'Date : 26 novembre 2026',
      // Paid on Saturday 21 Nov: the 14th day is Saturday 5 Dec, the period runs to Monday 7 Dec.
      'au plus tard le 7 décembre 2026',
    ],
  ],
  [
    'debitContest',
    DEBIT,
    '2026-10-01',
    [
      'Objet : Contestation d’un prélèvement',
      'la somme de 450 €',
      '[date du prélèvement]',
      'J’ai déjà réglé cette somme le 5 septembre 2026',
      'Relevé bancaire montrant le prélèvement contesté',
      'huit semaines',
    ],
  ],
  ['debitContest', COLLECTION, '2026-10-01', ['Objet : Contestation d’une lettre de relance', '[montant] €', 'Cette somme n’est pas due', 'Copie de la lettre de relance']],
];

describe('each letter, read back from its PDF', () => {
  test.each(CASES)('%s', async (kind, file, today, expected) => {
    const letter = buildLetter(kind, file, today);
    const { pages, text } = await pdfText(await letterPdf(letter));
    const letterPages = squash(pages.slice(0, -1).join(''));
    for (const sentence of expected) expect({ sentence, found: squash(text).includes(squash(sentence)) }).toEqual({ sentence, found: true });
    // The whole letter is printed (the attachments as a bulleted list), and the instructions come on their own last page.
    for (const block of letterText(letter).split('\n\n')) {
      const printed = block.startsWith(l('attachments.title')) ? block.replace(/^– /gm, '') : block;
      expect(letterPages).toContain(squash(printed));
    }
    expect(squash(pages.at(-1) ?? '')).toContain(squash(l('instructions.title')));
    expect(letterPages).not.toContain(squash(l('instructions.title')));
  });
});

test('the standard font prints the French glyphs: « » ’ œ é è à ç € and no-break spaces', async () => {
  const sample = 'Œuvre « cœur » l’été à Noël : ça coûte 12 € ; déjà vu ?';
  const letter: Letter = { ...buildLetter('complaint', COMPLAINT, '2026-11-02'), paragraphs: [sample] };
  const { text } = await pdfText(await letterPdf(letter));
  expect(text.replace(/\u00a0/g, ' ')).toContain(sample.replace(/\u00a0/g, ' '));
});

test('the order number replaces the learner-number placeholder', () => {
  expect(buildLetter('complaint', { ...COMPLAINT, orderNumber: 'A-42' }, '2026-11-02').sender).toEqual([
    l('placeholder.name'),
    l('placeholder.address'),
    l('sender.orderNumber', { number: 'A-42' }),
  ]);
  expect(buildLetter('complaint', COMPLAINT, '2026-11-02').sender[2]).toBe(l('sender.learnerNumber', { number: l('placeholder.learnerNumber') }));
});

test.each([
  // [days late, band sentence, amount sentence or undefined]
  ['2026-06-30', 'refund.increase.legalInterest', 'Je vous mets en demeure de me rembourser sans délai la somme de 1 234,56 €, majorée de l’intérêt au taux légal.'],
  ['2026-07-05', 'refund.increase.percent', 'soit un total de 1 296,29 €'], // 11 days: 5 %
  ['2026-09-25', 'refund.increase.percent', 'soit un total de 1 913,57 €'], // 93 days: 55 %
  ['2027-06-30', 'refund.increase.cap', 'soit un total de 2 469,12 €'], // 371 days: capped at 100 %
] as const)('refund notice on %s: the L242-4 band and the sum', (today, key, sentence) => {
  const text = textOf('refundNotice', REFUND, today);
  expect(text).toContain(plain(l(key, { days: '', percent: '' })).slice(0, 40));
  expect(text).toContain(sentence);
});

test('a refund notice without an amount states the band without computing a sum', () => {
  const text = textOf('refundNotice', { ...REFUND, amountCents: undefined }, '2026-08-20');
  expect(text).toContain('majorées de plein droit de 20 %');
  expect(text).toContain('[montant] €');
  expect(text).not.toMatch(/total de \d/);
});

test('unknown dates become placeholders, never guesses', () => {
  const file: CaseFile = { problem: 'noAnswer', history: [{ kind: 'registeredLetter', outcome: 'unanswered' }], deadlines: [] };
  const text = textOf('directorAppeal', file, '2026-11-26');
  expect(text).toContain('du [date à préciser]');
  expect(text).toContain(plain(l('appeal.previous.unknown')));
  expect(text).toContain(plain(l('problem.generic.facts')));
});

describe('lettersFor', () => {
  test.each<[string, CaseFile, string, LetterKind[]]>([
    ['withdrawal period open', WITHDRAWAL, '2026-12-07', ['withdrawal']],
    ['withdrawal period closed', WITHDRAWAL, '2026-12-08', []],
    ['refund on time', REFUND, '2026-06-24', []],
    ['refund late', { ...REFUND, history: [] }, '2026-06-25', ['refundNotice']],
    ['form, then a phone follow-up: the written complaint', COMPLAINT, '2026-11-02', ['complaint']],
    ['form only, 3 weeks not over', { ...COMPLAINT, history: [{ kind: 'form', on: '2026-10-20', outcome: 'unanswered' }] }, '2026-11-02', []],
    ['written complaint refused', { ...APPEAL, history: [{ kind: 'registeredLetter', on: '2026-09-01', outcome: 'refused' }] }, '2026-09-10', ['directorAppeal']],
    // Sent Wednesday 1 July, received (estimate) Friday 3 July: implicitly rejected on 3 September.
    ['written complaint unanswered for 2 months', APPEAL, '2026-09-03', ['directorAppeal']],
    ['written complaint pending', APPEAL, '2026-09-02', []],
    ['the third real complaint', THIRD_COMPLAINT, THIRD_TODAY, ['mediator']],
    ['mediator already seized', { ...THIRD_COMPLAINT, history: [...THIRD_COMPLAINT.history, { kind: 'mediator', on: '2026-11-20', outcome: 'unanswered' }] }, THIRD_TODAY, []],
    ['a debit', DEBIT, '2026-10-01', ['debitContest']],
    ['a collection letter', COLLECTION, '2026-10-01', ['debitContest']],
    ['an action dated in the future is ignored', { ...COMPLAINT, history: [{ kind: 'registeredLetter', on: '2027-01-01', outcome: 'refused' }] }, '2026-11-02', []],
  ])('%s', (_name, file, today, expected) => {
    expect(lettersFor(file, today)).toEqual(expected);
  });
});

describe('letterForChat', () => {
  test.each(LETTER_KINDS)('%s: chunks of at most 1,900 characters that rebuild the letter', (kind) => {
    const long: CaseFile = { ...THIRD_COMPLAINT, history: Array.from({ length: 30 }, (_, i) => ({ kind: 'phone' as const, on: `2026-0${1 + (i % 9)}-1${i % 10}`, outcome: 'unknown' as const })) };
    const chunks = letterForChat(kind, long, THIRD_TODAY);
    expect(chunks.every((chunk) => chunk.length <= 1_900)).toBe(true);
    expect(squash(chunks.join(''))).toBe(squash(letterText(buildLetter(kind, long, THIRD_TODAY))));
  });

  test.each([
    ['short', 'a\n\nb', 10, ['a\n\nb']],
    ['at a paragraph', 'aaaa\n\nbbbb', 6, ['aaaa', 'bbbb']],
    ['a long paragraph at lines', 'aaaa\nbbbb\n\ncc', 6, ['aaaa', 'bbbb', 'cc']],
    ['a long line at words', 'aaa bbb ccc', 7, ['aaa bbb', 'ccc']],
    ['a long word cut', 'abcdefgh', 3, ['abc', 'def', 'gh']],
  ] as const)('chunkText: %s', (_name, text, max, expected) => {
    expect(chunkText(text, max)).toEqual(expected);
  });
});

test.each(['fr', 'en'] as const)('the explanation in %s, with the unverified-address note for a posted letter only', (lang) => {
  expect(letterExplanation('complaint', lang)).toHaveLength(2);
  expect(letterExplanation('complaint', lang)[1]).toContain('https://www.cned.fr/nous-contacter');
  expect(letterExplanation('mediator', lang)).toHaveLength(1);
});

test('the addresses of CNED are not inside the letters for the mediator', () => {
  expect(letterText(buildLetter('mediator', THIRD_COMPLAINT, THIRD_TODAY))).not.toContain('Futuroscope');
});

test('every sentence of locales/fr/letters.json is used by src/documents', () => {
  const dir = path.resolve(__dirname, '../../src/documents');
  const code = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => fs.readFileSync(path.join(dir, name), 'utf8'))
    .join('\n');
  expect(Object.keys(catalogue).filter((key) => !code.includes(`'${key}'`))).toEqual([]);
});

test('the mediator letter of the third real complaint holds on one A4 page, the instructions on a second', async () => {
  const { pages } = await pdfText(await letterPdf(buildLetter('mediator', THIRD_COMPLAINT, THIRD_TODAY)));
  expect(pages).toHaveLength(2);
  expect(squash(pages[0])).toContain(squash(l('attachments.title')));
});
