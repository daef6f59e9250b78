import { Injectable } from '@nestjs/common';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { RaaRequestResponse } from '../requests/dto/request.response.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.38, 0.4, 0.44);
const ACCENT = rgb(0, 0.4, 0.8);

/**
 * "Stampa": the request and its answer as a PDF, drawn here with pdf-lib (the library document-store's generators
 * use) and the standard Helvetica fonts. The workers' situations never leave raa to be printed elsewhere.
 */
@Injectable()
export class RequestPdf {
  async render(r: RaaRequestResponse): Promise<{ bytes: Uint8Array; fileName: string }> {
    const doc = await PDFDocument.create();
    doc.setTitle(`Richiesta accesso agli atti ${r.protocollo ?? ''}`.trim());
    doc.setProducer('Profila raa');
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    const w = new Writer(
      doc,
      await doc.embedFont(StandardFonts.Helvetica),
      await doc.embedFont(StandardFonts.HelveticaBold),
    );
    w.line(`Provincia di ${r.provincia}`, { bold: true, size: 10, color: ACCENT });
    w.line('Richiesta accesso agli atti', { bold: true, size: 15 });
    w.line(r.intestazione, { size: 11 });
    w.gap(8);
    const rows: Array<[string, string]> = [
      ['Stato della richiesta', r.state],
      ['Data Richiesta', italian(r.dataRichiesta)],
      ['Num protocollo', r.protocollo ?? ''],
      ['Data Protocollo', italian(r.dataProtocollo)],
      ['Ragione sociale richiedente', r.ragioneSocialeRichiedente ?? ''],
      ['Tipologia richiesta', r.tipologiaRichiesta ?? ''],
      ['Ragione sociale mandante', r.ragioneSocialeMandante ?? ''],
      ['Codice Fiscale Mandante', r.codiceFiscaleMandante ?? ''],
      ['Motivazione', r.motivazione],
    ];
    for (const [label, value] of rows) w.field(label, value);
    w.heading('Elenco Allegati');
    if (r.attachments.length === 0) w.line('Nessun allegato', { color: MUTED });
    for (const a of r.attachments) w.line(`${a.nome}${a.descrizione ? ` - ${a.descrizione}` : ''}`);
    w.heading('Codici Fiscali Lavoratori di cui si richiedono informazioni');
    for (const worker of r.workers) {
      const situation =
        worker.situazione === 'LAVORA'
          ? `Lavora - ${worker.datoreRagioneSociale ?? ''}${worker.datoreCf ? ` (${worker.datoreCf})` : ''} dal ${italian(worker.dataInizio)}`
          : (worker.situazioneLabel ?? worker.avviso ?? '');
      w.field(worker.codiceFiscale, situation);
    }
    if (r.answer) {
      w.heading('Risposta provincia');
      w.field('Data di ricerca', italian(r.answer.dataRicerca));
      w.paragraph(r.answer.rispostaProvincia ?? '');
    }
    if (r.refusal) {
      w.heading('Richiesta respinta');
      w.paragraph(r.refusal.motivo);
    }
    const bytes = await doc.save({ useObjectStreams: false });
    const name = r.protocollo ? r.protocollo.replace('/', '-') : r.id;
    return { bytes, fileName: `richiesta-accesso-atti-${name}.pdf` };
  }
}

function italian(iso: string | null): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

class Writer {
  private page: PDFPage;
  private y = A4[1] - MARGIN;

  constructor(
    private readonly doc: PDFDocument,
    private readonly regular: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.page = doc.addPage(A4);
  }

  gap(points: number): void {
    this.y -= points;
  }

  line(text: string, o: { bold?: boolean; size?: number; color?: ReturnType<typeof rgb>; x?: number } = {}): void {
    const size = o.size ?? 10;
    const font = o.bold ? this.bold : this.regular;
    for (const part of this.wrap(text, font, size, A4[0] - 2 * MARGIN - (o.x ?? 0))) {
      this.space(size * 1.5);
      this.page.drawText(part, { x: MARGIN + (o.x ?? 0), y: this.y, size, font, color: o.color ?? INK });
      this.y -= size * 1.45;
    }
  }

  field(label: string, value: string): void {
    const lines = this.wrap(value || ' ', this.bold, 10, A4[0] - 2 * MARGIN - 170);
    this.space(lines.length * 14 + 4);
    this.page.drawText(this.safe(label), { x: MARGIN, y: this.y, size: 9, font: this.regular, color: MUTED });
    for (const l of lines) {
      this.page.drawText(l, { x: MARGIN + 170, y: this.y, size: 10, font: this.bold, color: INK });
      this.y -= 14;
    }
    this.y -= 2;
  }

  heading(text: string): void {
    this.gap(8);
    this.line(text, { bold: true, size: 11, color: ACCENT });
  }

  paragraph(text: string): void {
    for (const p of text.split(/\r?\n/)) this.line(p);
  }

  private space(needed: number): void {
    if (this.y - needed < MARGIN) {
      this.page = this.doc.addPage(A4);
      this.y = A4[1] - MARGIN;
    }
  }

  /** Text outside WinAnsi (the standard fonts' encoding) is transliterated. */
  private safe(text: string): string {
    return text
      .replace(/[\u2018\u2019]/g, "'")
      .replace(/[\u201c\u201d]/g, '"')
      .replace(/[\u2013\u2014]/g, '-')
      .normalize('NFC')
      .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const out: string[] = [];
    let current = '';
    for (const word of this.safe(text).split(/\s+/)) {
      const candidate = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width || !current) current = candidate;
      else {
        out.push(current);
        current = word;
      }
    }
    out.push(current);
    return out;
  }
}
