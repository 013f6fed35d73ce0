/**
 * PDFs rendered on request with pdfkit: a letter to CNED (A4, the layout of a formal French letter: sender top
 * left, recipient on the right, place and date, subject, body, signature) and the one-page case file
 * ("Mon dossier"). pdfkit's standard Helvetica (WinAnsi) has every glyph the letters use (é è à ç œ « » ’ – €
 * and the no-break space); the narrow no-break space it lacks is never written (see format.ts), and
 * test/documents reads the PDFs back to check it.
 */
import PDFDocument from 'pdfkit';
import type { CaseFile, LetterKind } from '../domain/caseFile';
import type { Lang } from '../domain/types';
import { l, type Letter } from './letters';
import { caseFileSections } from './caseFileText';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 70; // about 2.5 cm
const RIGHT_COLUMN = 320;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const BODY_SIZE = 10.5;

/** Characters outside WinAnsi would print as garbage with the standard fonts: map the few that could appear. */
function winAnsi(text: string): string {
  return text.replace(/[\u202f\u2007\u2009]/g, '\u00a0').replace(/[\u2010\u2011]/g, '-');
}

function render(title: string, lang: Lang, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
      info: { Title: title, Creator: 'cned-guide' },
      lang: lang === 'fr' ? 'fr-FR' : 'en-GB',
      displayTitle: true,
      bufferPages: false,
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      draw(doc);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}

const contentWidth = (doc: PDFKit.PDFDocument) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** A letter to CNED as an A4 PDF; the instructions for the learner follow on a separate page that is not sent. */
export function letterPdf(letter: Letter): Promise<Buffer> {
  const subject = winAnsi(letter.subject);
  return render(subject, 'fr', (doc) => {
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    doc.font(FONT).fontSize(BODY_SIZE);

    // Sender, top left.
    doc.text(winAnsi(letter.sender.join('\n')), left, MARGIN, { width: RIGHT_COLUMN - left - 20 });
    // Recipient, on the right, a little lower (the window of a DL envelope).
    const recipientTop = Math.max(doc.y + 16, 140);
    doc.text(winAnsi(letter.recipient.join('\n')), RIGHT_COLUMN, recipientTop, { width: A4.width - MARGIN - RIGHT_COLUMN });
    // Place and date, on the right.
    doc.moveDown(1.5);
    doc.text(winAnsi(letter.placeDate), RIGHT_COLUMN, doc.y, { width: A4.width - MARGIN - RIGHT_COLUMN });
    doc.moveDown(1.5);
    // Sending mode and subject, bold, left.
    doc.font(BOLD).text(winAnsi(letter.mode), left, doc.y, { width });
    doc.text(subject, { width });
    doc.font(FONT).moveDown(1.2);
    doc.text(winAnsi(letter.salutation), { width });
    doc.moveDown();
    for (const paragraph of letter.paragraphs) {
      const isList = paragraph.includes('\n');
      doc.text(winAnsi(paragraph), left, doc.y, { width, align: isList ? 'left' : 'justify', lineGap: 1 });
      doc.moveDown(0.6);
    }
    doc.text(winAnsi(letter.closing), left, doc.y, { width, align: 'justify' });
    doc.moveDown(1.2);
    // Signature on the right.
    doc.text(winAnsi(letter.signature.join('\n')), RIGHT_COLUMN, doc.y, { width: A4.width - MARGIN - RIGHT_COLUMN });
    doc.moveDown(1.5);
    doc.font(BOLD).text(winAnsi(l('attachments.title')), left, doc.y, { width });
    doc.font(FONT).list(letter.attachments.map(winAnsi), { width, bulletRadius: 1.5, textIndent: 12 });

    // The learner's instructions: a separate page, marked as not to be sent.
    doc.addPage();
    doc.font(BOLD).fontSize(13).text(winAnsi(l('instructions.title')), { width });
    doc.moveDown();
    doc.font(FONT).fontSize(BODY_SIZE).list(letter.instructions.map(winAnsi), { width, bulletRadius: 1.5, textIndent: 12 });
  });
}

export interface CaseFilePdfInput {
  file: CaseFile;
  lang: Lang;
  today: string;
  letters: readonly LetterKind[];
}

/** "Mon dossier": the problem, what was done, the next step, the dates, what to keep, the letters prepared. */
export function caseFilePdf(input: CaseFilePdfInput): Promise<Buffer> {
  const sections = caseFileSections(input);
  return render(winAnsi(sections.title), input.lang, (doc) => {
    const width = contentWidth(doc);
    doc.font(BOLD).fontSize(18).text(winAnsi(sections.title), { width });
    doc.font(FONT).fontSize(9).fillColor('#444444').text(winAnsi(sections.madeOn), { width });
    doc.fillColor('black');
    for (const section of sections.sections) {
      doc.moveDown(0.9);
      doc.font(BOLD).fontSize(12).text(winAnsi(section.heading), { width });
      doc.moveDown(0.3);
      doc.font(FONT).fontSize(10);
      if (section.lines.length === 1 && !section.list) {
        doc.text(winAnsi(section.lines[0]), { width });
      } else {
        doc.list(section.lines.map(winAnsi), { width, bulletRadius: 1.5, textIndent: 12 });
      }
    }
  });
}
