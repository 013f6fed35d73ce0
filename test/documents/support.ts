/** Shared by the document tests: reading a PDF back as text (pdf.js), and the cases used across files. */
import type { CaseFile } from '../../src/domain/caseFile';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.js');
let pdfjsLib: PdfJs | undefined;

/** pdf.js, loaded once; its load-time warnings about the canvas package (rendering only, not needed for text) are muted. */
function pdfjs(): PdfJs {
  if (!pdfjsLib) {
    const log = console.log;
    console.log = () => undefined;
    try {
      pdfjsLib = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
    } finally {
      console.log = log;
    }
  }
  return pdfjsLib;
}

/** The text of every page, in order (items joined by spaces, no-break spaces as spaces). */
export async function pdfText(pdf: Buffer): Promise<{ pages: string[]; text: string }> {
  const doc = await pdfjs().getDocument({ data: new Uint8Array(pdf), verbosity: 0, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    const content = await page.getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return { pages, text: pages.join('\n') };
}

/** Whitespace removed: pdf.js splits justified lines into items; what matters is every character in order. */
export const squash = (text: string): string => text.replace(/[\s\u00a0]+/g, '');

/** The source's third real complaint: first call, form unanswered, registered letter refused after a phone
 * follow-up at 3 weeks, appeal to the Director General unanswered for 7 weeks (today 26 Nov 2026). */
export const THIRD_COMPLAINT: CaseFile = {
  problem: 'refundDelay',
  history: [
    { kind: 'phone', on: '2026-07-15', outcome: 'unknown' },
    { kind: 'form', on: '2026-07-16', outcome: 'unanswered' },
    { kind: 'registeredLetter', on: '2026-08-20', outcome: 'refused' },
    { kind: 'phone', on: '2026-09-10', outcome: 'unknown' },
    { kind: 'directorAppeal', on: '2026-10-08', outcome: 'unanswered' },
  ],
  deadlines: [],
};
export const THIRD_TODAY = '2026-11-26';
