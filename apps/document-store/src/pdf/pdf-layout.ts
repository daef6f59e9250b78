import { type PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.4, 0.44);
const ACCENT = rgb(0, 0.4, 0.8); // Bootstrap Italia primary
const RULE = rgb(0.8, 0.82, 0.85);

export interface FieldRow {
  label: string;
  value: string;
}

/**
 * A small top-down writer on A4 pages with the standard Helvetica fonts (no embedded font program, so the output
 * stays deterministic and small). Text outside WinAnsi is transliterated rather than refused.
 */
export class PdfLayout {
  private page: PDFPage;
  private y: number;
  private readonly width = A4[0] - 2 * MARGIN;

  private constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
    private readonly mono: PDFFont,
  ) {
    this.page = doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  static async create(doc: PDFDocument): Promise<PdfLayout> {
    const [regular, bold, mono] = await Promise.all([
      doc.embedFont(StandardFonts.Helvetica),
      doc.embedFont(StandardFonts.HelveticaBold),
      doc.embedFont(StandardFonts.CourierBold),
    ]);
    return new PdfLayout(doc, regular, bold, mono);
  }

  /** Header band: issuer on the left, the request code boxed on the right. */
  header(issuer: string, codeLabel: string, code: string): void {
    const top = this.y;
    this.page.drawText(this.safe(issuer, this.bold), {
      x: MARGIN,
      y: top - 10,
      size: 10,
      font: this.bold,
      color: ACCENT,
    });
    const codeText = this.safe(code, this.mono);
    const codeWidth = this.mono.widthOfTextAtSize(codeText, 11);
    const boxWidth = Math.max(codeWidth, this.regular.widthOfTextAtSize(codeLabel, 7)) + 16;
    const boxX = A4[0] - MARGIN - boxWidth;
    this.page.drawRectangle({ x: boxX, y: top - 30, width: boxWidth, height: 34, borderColor: ACCENT, borderWidth: 1 });
    this.page.drawText(this.safe(codeLabel, this.regular), {
      x: boxX + 8,
      y: top - 8,
      size: 7,
      font: this.regular,
      color: MUTED,
    });
    this.page.drawText(codeText, { x: boxX + 8, y: top - 23, size: 11, font: this.mono, color: INK });
    this.y = top - 44;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.8,
      color: RULE,
    });
    this.y -= 24;
  }

  title(text: string, subtitle?: string): void {
    for (const line of this.wrap(text, this.bold, 14, this.width)) {
      this.centered(line, this.bold, 14, INK);
      this.y -= 19;
    }
    if (subtitle) {
      this.centered(this.safe(subtitle, this.regular), this.regular, 9, MUTED);
      this.y -= 14;
    }
    this.y -= 8;
  }

  section(text: string): void {
    this.ensureSpace(40);
    this.y -= 6;
    this.page.drawText(this.safe(text.toUpperCase(), this.bold), {
      x: MARGIN,
      y: this.y,
      size: 9,
      font: this.bold,
      color: ACCENT,
    });
    this.y -= 5;
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: RULE,
    });
    this.y -= 14;
  }

  /** Label/value rows; values wrap in their column. */
  fields(rows: readonly FieldRow[]): void {
    const labelWidth = 165;
    for (const row of rows) {
      const lines = this.wrap(row.value, this.bold, 10, this.width - labelWidth);
      this.ensureSpace(lines.length * 13 + 4);
      this.page.drawText(this.safe(row.label, this.regular), {
        x: MARGIN,
        y: this.y,
        size: 9.5,
        font: this.regular,
        color: MUTED,
      });
      for (const line of lines) {
        this.page.drawText(line, { x: MARGIN + labelWidth, y: this.y, size: 10, font: this.bold, color: INK });
        this.y -= 13;
      }
      this.y -= 3;
    }
    this.y -= 6;
  }

  paragraph(text: string, options: { size?: number; bold?: boolean; muted?: boolean; indent?: number } = {}): void {
    const size = options.size ?? 10;
    const font = options.bold ? this.bold : this.regular;
    const indent = options.indent ?? 0;
    const lineHeight = size * 1.4;
    for (const line of this.wrap(text, font, size, this.width - indent)) {
      this.ensureSpace(lineHeight);
      this.page.drawText(line, { x: MARGIN + indent, y: this.y, size, font, color: options.muted ? MUTED : INK });
      this.y -= lineHeight;
    }
    this.y -= size * 0.6;
  }

  bullets(items: readonly string[]): void {
    for (const item of items) {
      this.ensureSpace(14);
      this.page.drawText('-', { x: MARGIN + 6, y: this.y, size: 10, font: this.regular, color: INK });
      this.paragraph(item, { indent: 18 });
      this.y += 3;
    }
    this.y -= 4;
  }

  centeredHeading(text: string): void {
    this.ensureSpace(28);
    this.y -= 4;
    this.centered(this.safe(text, this.bold), this.bold, 12, INK);
    this.y -= 20;
  }

  /** Place/date on the left, the signature block (and the signer's name in bold, when known) on the right. */
  signatureBlock(left: readonly string[], right: readonly string[], signerName?: string): void {
    this.ensureSpace(90);
    this.y -= 10;
    const top = this.y;
    left.forEach((line, i) => {
      this.page.drawText(this.safe(line, this.regular), {
        x: MARGIN,
        y: top - i * 14,
        size: 10,
        font: this.regular,
        color: INK,
      });
    });
    const rightX = MARGIN + this.width / 2 + 20;
    const lines = signerName ? [...right, signerName] : right;
    lines.forEach((line, i) => {
      const font = signerName && i === lines.length - 1 ? this.bold : this.regular;
      this.page.drawText(this.safe(line, font), { x: rightX, y: top - i * 14, size: 10, font, color: INK });
    });
    const lineY = top - lines.length * 14 - 26;
    this.page.drawLine({
      start: { x: rightX, y: lineY },
      end: { x: A4[0] - MARGIN, y: lineY },
      thickness: 0.6,
      color: MUTED,
    });
    this.y = lineY - 20;
  }

  /** Footer lines on every page, with "Pagina n di N". */
  footer(lines: readonly string[]): void {
    const pages = this.doc.getPages();
    pages.forEach((page, index) => {
      page.drawLine({ start: { x: MARGIN, y: 62 }, end: { x: A4[0] - MARGIN, y: 62 }, thickness: 0.5, color: RULE });
      const wrapped = [...lines, `Pagina ${index + 1} di ${pages.length}`].flatMap((line) =>
        this.wrap(line, this.regular, 7.5, this.width),
      );
      wrapped.forEach((line, i) => {
        page.drawText(line, { x: MARGIN, y: 50 - i * 10, size: 7.5, font: this.regular, color: MUTED });
      });
    });
  }

  private centered(text: string, font: PDFFont, size: number, color: ReturnType<typeof rgb>): void {
    const x = MARGIN + (this.width - font.widthOfTextAtSize(text, size)) / 2;
    this.page.drawText(text, { x, y: this.y, size, font, color });
  }

  private ensureSpace(height: number): void {
    if (this.y - height > 80) return;
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of this.safe(text, font).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width || !line) {
          line = candidate;
        } else {
          lines.push(line);
          line = word;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /** Keeps what the font can encode; accents are dropped only for letters outside WinAnsi (e.g. ș -> s). */
  private safe(text: string, font: PDFFont): string {
    const supported = supportedCodePoints(font);
    let out = '';
    for (const char of text) {
      if (supported.has(char.codePointAt(0)!)) {
        out += char;
        continue;
      }
      const stripped = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += [...stripped].every((c) => supported.has(c.codePointAt(0)!)) ? stripped : '?';
    }
    return out;
  }
}

const charsetCache = new WeakMap<PDFFont, Set<number>>();

function supportedCodePoints(font: PDFFont): Set<number> {
  let set = charsetCache.get(font);
  if (!set) {
    set = new Set(font.getCharacterSet());
    charsetCache.set(font, set);
  }
  return set;
}
