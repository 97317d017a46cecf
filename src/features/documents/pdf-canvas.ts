import { PDFDocument, type PDFDocument as PDFDocumentType, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import { embedFonts, type FontFace, textWidth } from './document-fonts';
import { wrapText } from './text-wrap';

/** A4 in points, and the margins of a form (about 22 mm; GB/T 9704 uses 26–37 mm for letters). */
export const A4: readonly [number, number] = [595.28, 841.89];
export const MARGIN = { top: 62, bottom: 70, left: 62, right: 62 } as const;

export const BLACK = rgb(0, 0, 0);
export const GREY = rgb(0.45, 0.45, 0.45);
const SHADE = rgb(0.93, 0.93, 0.93);

export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size?: number;
  face?: FontFace;
  align?: Align;
  /** Line height as a multiple of the size. */
  leading?: number;
  /** First-line indent in characters (Chinese paragraphs indent two). */
  indent?: number;
  color?: ReturnType<typeof rgb>;
}

export interface Cell {
  text: string;
  /** Columns the cell covers. */
  span?: number;
  align?: Align;
  face?: FontFace;
  /** A label cell, shaded grey as printed forms do. */
  shade?: boolean;
  valign?: 'top' | 'middle';
}

export interface Row {
  cells: Cell[];
  /** At least this tall (points): blank cells to be filled in by hand. */
  minHeight?: number;
}

export interface TableOptions {
  size?: number;
  /** Leading rows repeated at the top of each new page. */
  header?: number;
}

export interface CanvasOptions {
  /** PDF metadata title. */
  title: string;
  /** Makes the font subset tags (and so the bytes) reproducible for the same input. */
  seed: string;
  /** The document's date in its metadata; never the system clock (the clock is passed in). */
  generatedAt: Date;
  pageNumber: (page: number, total: number) => string;
}

/**
 * A few layout primitives on top of pdf-lib for A4 forms: a cursor running down the page, wrapped
 * paragraphs, ruled tables whose rows break across pages (header repeated), signature lines, a
 * seal place, images, and page numbers added when the document is finished. Coordinates are
 * measured from the top of the page (pdf-lib's origin is the bottom left).
 */
export class PdfCanvas {
  page!: PDFPage;
  /** Distance of the cursor from the top edge of the page. */
  y = 0;
  private readonly references: string[] = [];
  private reference = '';
  /** Pages set aside earlier (a table of contents) that `newPage` fills before adding new ones. */
  private pending: number[] = [];

  private constructor(
    readonly doc: PDFDocumentType,
    readonly fonts: Record<FontFace, PDFFont>,
    private readonly options: CanvasOptions,
  ) {}

  static async create(options: CanvasOptions): Promise<PdfCanvas> {
    const doc = await PDFDocument.create();
    doc.setTitle(options.title);
    doc.setLanguage('zh-CN');
    doc.setProducer('shulan-assist documents (pdf-lib)');
    doc.setCreator('shulan-assist');
    doc.setCreationDate(options.generatedAt);
    doc.setModificationDate(options.generatedAt);
    const fonts = await embedFonts(doc, options.seed);
    return new PdfCanvas(doc, fonts, options);
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right;
  }

  get pageCount(): number {
    return this.doc.getPageCount();
  }

  /** The small grey line at the foot of each page from now on (case number, template id and version). */
  setReference(reference: string): void {
    this.reference = reference;
  }

  newPage(): void {
    const reserved = this.pending.shift();
    if (reserved !== undefined) {
      this.onPage(reserved);
      return;
    }
    this.page = this.doc.addPage([A4[0], A4[1]]);
    this.references.push(this.reference);
    this.y = MARGIN.top;
  }

  /** Sets aside `count` blank pages here and returns their indices, to be filled later with `fill`. */
  reserve(count: number): number[] {
    const indices: number[] = [];
    for (let i = 0; i < count; i++) {
      this.newPage();
      indices.push(this.pageCount - 1);
    }
    return indices;
  }

  /** Goes back to reserved pages: the first now, the others as `newPage` is called. */
  fill(indices: number[]): void {
    const [first, ...rest] = indices;
    if (first === undefined) return;
    this.onPage(first);
    this.pending = rest;
  }

  /** Draws on an earlier page (a table of contents filled in at the end). */
  onPage(index: number): void {
    this.page = this.doc.getPage(index);
    this.y = MARGIN.top;
  }

  remaining(): number {
    return A4[1] - MARGIN.bottom - this.y;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensure(height: number): void {
    if (this.remaining() < height) this.newPage();
  }

  space(height: number): void {
    this.y += height;
  }

  measure(text: string, size: number, face: FontFace = 'regular'): number {
    return textWidth(face, text, size);
  }

  wrap(text: string, width: number, size: number, face: FontFace = 'regular'): string[] {
    return wrapText(text, width, (s) => textWidth(face, s, size));
  }

  /** One line of text with its top at `top`, in a box `x`..`x + width`, vertically centred in `height`. */
  drawLine(
    text: string,
    box: { x: number; top: number; width: number; height: number },
    style: TextStyle = {},
  ): void {
    if (text === '') return;
    const size = style.size ?? 11;
    const face = style.face ?? 'regular';
    const w = textWidth(face, text, size);
    const x =
      style.align === 'center'
        ? box.x + (box.width - w) / 2
        : style.align === 'right'
          ? box.x + box.width - w
          : box.x;
    // The ideographic em box spans about -0.12..0.88 em around the baseline: centre it.
    const baseline = box.top + box.height / 2 + 0.38 * size;
    this.page.drawText(text, {
      x,
      y: A4[1] - baseline,
      size,
      font: this.fonts[face],
      color: style.color ?? BLACK,
    });
  }

  /** A wrapped paragraph at the cursor; breaks across pages line by line. */
  paragraph(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 11;
    const face = style.face ?? 'regular';
    const lineHeight = size * (style.leading ?? 1.75);
    const indent = '　'.repeat(style.indent ?? 0);
    const lines = this.wrap(indent + text, this.width, size, face);
    for (const line of lines) {
      this.ensure(lineHeight);
      this.drawLine(line, { x: this.left, top: this.y, width: this.width, height: lineHeight }, style);
      this.y += lineHeight;
    }
  }

  /** A centred bold title. */
  title(text: string, size = 20): void {
    this.paragraph(text, { size, face: 'bold', align: 'center', leading: 1.6 });
    this.space(size * 0.4);
  }

  /** Segments placed at fixed x offsets on one line (labels and blanks of a signature row). */
  segments(
    parts: { text: string; x: number; underline?: number; face?: FontFace }[],
    size = 11,
    height = 30,
  ): void {
    this.ensure(height);
    for (const part of parts) {
      const x = this.left + part.x;
      this.drawLine(
        part.text,
        { x, top: this.y, width: this.width - part.x, height },
        { size, face: part.face },
      );
      if (part.underline) {
        const lineX = x + textWidth(part.face ?? 'regular', part.text, size);
        const y = A4[1] - (this.y + height / 2 + 0.5 * size);
        this.page.drawLine({
          start: { x: lineX, y },
          end: { x: lineX + part.underline, y },
          thickness: 0.6,
          color: BLACK,
        });
      }
    }
    this.y += height;
  }

  /** A ruled table; `columns` are relative widths. Rows never split; a row that does not fit starts a page. */
  table(columns: number[], rows: Row[], options: TableOptions = {}): void {
    const size = options.size ?? 10.5;
    const total = columns.reduce((a, b) => a + b, 0);
    const widths = columns.map((c) => (c / total) * this.width);
    const padX = 4;
    const padY = 4;
    const lineHeight = size * 1.45;
    const layout = (row: Row) => {
      let col = 0;
      const cells = row.cells.map((cell) => {
        const span = cell.span ?? 1;
        const x = this.left + widths.slice(0, col).reduce((a, b) => a + b, 0);
        const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        col += span;
        const lines = this.wrap(cell.text, width - 2 * padX, size, cell.face ?? 'regular');
        return { cell, x, width, lines };
      });
      const needed = Math.max(...cells.map((c) => c.lines.length * lineHeight + 2 * padY));
      return { cells, height: Math.max(needed, row.minHeight ?? 0, lineHeight + 2 * padY) };
    };
    const laidOut = rows.map(layout);
    const header = laidOut.slice(0, options.header ?? 0);
    const draw = (row: (typeof laidOut)[number]) => {
      for (const { cell, x, width, lines } of row.cells) {
        const top = A4[1] - this.y;
        if (cell.shade) {
          this.page.drawRectangle({ x, y: top - row.height, width, height: row.height, color: SHADE });
        }
        this.page.drawRectangle({
          x,
          y: top - row.height,
          width,
          height: row.height,
          borderColor: BLACK,
          borderWidth: 0.7,
        });
        const block = lines.length * lineHeight;
        const first = cell.valign === 'top' ? this.y + padY : this.y + (row.height - block) / 2;
        lines.forEach((line, i) => {
          this.drawLine(
            line,
            { x: x + padX, top: first + i * lineHeight, width: width - 2 * padX, height: lineHeight },
            { size, face: cell.face, align: cell.align ?? 'left' },
          );
        });
      }
      this.y += row.height;
    };
    laidOut.forEach((row, i) => {
      if (this.remaining() < row.height) {
        this.newPage();
        if (i >= header.length) for (const h of header) draw(h);
      }
      draw(row);
    });
  }

  /** The place for the seal: the issuer and date right-aligned, with a dashed circle where the seal goes. */
  seal(lines: string[], label: string, size = 12): void {
    const lineHeight = size * 1.8;
    const blockWidth = Math.max(...lines.map((l) => textWidth('regular', l, size))) + 8;
    this.ensure(lines.length * lineHeight + 40);
    this.space(12);
    const x = this.left + this.width - blockWidth;
    const centreX = x + blockWidth / 2;
    const centreY = A4[1] - (this.y + (lines.length * lineHeight) / 2);
    this.page.drawCircle({
      x: centreX,
      y: centreY,
      size: 40,
      borderColor: GREY,
      borderWidth: 0.6,
      borderDashArray: [3, 3],
    });
    this.drawLine(
      label,
      { x: centreX - 40, top: this.y + (lines.length * lineHeight) / 2 - 26, width: 80, height: 12 },
      { size: 8, align: 'center', color: GREY },
    );
    for (const line of lines) {
      this.drawLine(
        line,
        { x, top: this.y, width: blockWidth, height: lineHeight },
        { size, align: 'center' },
      );
      this.y += lineHeight;
    }
  }

  /** An image (JPEG or PNG bytes) scaled to fit the rest of the page below the cursor, centred. */
  async image(bytes: Uint8Array, kind: 'jpeg' | 'png'): Promise<void> {
    const embedded = kind === 'jpeg' ? await this.doc.embedJpg(bytes) : await this.doc.embedPng(bytes);
    const room = { width: this.width, height: this.remaining() - 8 };
    const scale = Math.min(room.width / embedded.width, room.height / embedded.height, 1);
    const width = embedded.width * scale;
    const height = embedded.height * scale;
    this.page.drawImage(embedded, {
      x: this.left + (this.width - width) / 2,
      y: A4[1] - this.y - height,
      width,
      height,
    });
    this.y += height + 8;
  }

  /** Adds page numbers and the reference line to every page and returns the PDF bytes. */
  async finish(): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      this.page = page;
      const top = A4[1] - MARGIN.bottom + 24;
      this.drawLine(
        this.options.pageNumber(i + 1, pages.length),
        { x: this.left, top, width: this.width, height: 14 },
        { size: 9, align: 'center' },
      );
      this.drawLine(
        this.references[i] ?? '',
        { x: this.left, top: top + 18, width: this.width, height: 10 },
        { size: 6.5, color: GREY },
      );
    });
    return this.doc.save({ useObjectStreams: true });
  }
}
