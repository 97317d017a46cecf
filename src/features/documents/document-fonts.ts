import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';

/**
 * The CJK font every document is set in: Noto Serif SC (a Song/宋体 face, as Chinese forms use),
 * shipped as TrueType files by the npm package @expo-google-fonts/noto-serif-sc — no system
 * fonts, no network. The files are ~15 MB each, so they are read and parsed once per process and
 * shared by every document; each PDF embeds only the glyphs it uses (a subset, FontFile2), named
 * with a six-letter subset tag as PDF 32000-1 §9.6.4 asks.
 */
export type FontFace = 'regular' | 'bold';

const FILES: Record<FontFace, string> = {
  regular: path.join('400Regular', 'NotoSerifSC_400Regular.ttf'),
  bold: path.join('700Bold', 'NotoSerifSC_700Bold.ttf'),
};
const POSTSCRIPT: Record<FontFace, string> = {
  regular: 'NotoSerifSC-Regular',
  bold: 'NotoSerifSC-Bold',
};

/** The parsed font as @pdf-lib/fontkit returns it. */
type ParsedFont = ReturnType<typeof fontkit.create>;

interface LoadedFace {
  bytes: Uint8Array;
  font: ParsedFont;
  /** Advance width of each code point at size 1, filled as text is measured. */
  widths: Map<number, number>;
}

const faces = new Map<FontFace, LoadedFace>();

function fontDir(): string {
  const require = createRequire(__filename);
  return path.dirname(require.resolve('@expo-google-fonts/noto-serif-sc/package.json'));
}

function face(which: FontFace): LoadedFace {
  let loaded = faces.get(which);
  if (!loaded) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(fontDir(), FILES[which])));
    const font = fontkit.create(bytes);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => padGlyphRecords(createSubset());
    loaded = { bytes, font, widths: new Map() };
    faces.set(which, loaded);
  }
  return loaded;
}

/** The parts of @pdf-lib/fontkit's TTFSubset that `padGlyphRecords` touches (not in its typings). */
interface TtfSubsetInternals {
  _addGlyph(gid: number): number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * @pdf-lib/fontkit copies each glyph record unpadded, then writes a small subset's `loca` in the
 * short format, which stores offsets halved: after an odd-length record every later offset is
 * off by one byte and those glyphs vanish (Noto's records are not padded). Padding each record to
 * four bytes, as the TrueType spec recommends and upstream fontkit does, keeps every offset even.
 */
function padGlyphRecords<S extends object>(subset: S): S {
  if (!('_addGlyph' in subset)) return subset;
  const internals = subset as unknown as TtfSubsetInternals;
  const addGlyph = internals._addGlyph.bind(internals);
  internals._addGlyph = (gid: number) => {
    const index = addGlyph(gid);
    const record = internals.glyf[index];
    if (record && record.length % 4 !== 0) {
      // fontkit's stream accepts only its own bundled Buffer class: make the copy with it.
      const BufferClass = record.constructor as new (size: number) => Uint8Array;
      const padded = new BufferClass(record.length + (4 - (record.length % 4)));
      padded.set(record);
      padded.fill(0, record.length);
      internals.glyf[index] = padded;
      internals.offset += padded.length - record.length;
    }
    return index;
  };
  return subset;
}

/** Loads both faces now (the first document would otherwise pay for it). */
export function preloadFonts(): void {
  face('regular');
  face('bold');
}

/** Width of `text` set in `which` at `size` points, without shaping (CJK forms need none). */
export function textWidth(which: FontFace, text: string, size: number): number {
  const loaded = face(which);
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    let width = loaded.widths.get(code);
    if (width === undefined) {
      width = loaded.font.glyphForCodePoint(code).advanceWidth / loaded.font.unitsPerEm;
      loaded.widths.set(code, width);
    }
    units += width;
  }
  return units * size;
}

/** A deterministic subset tag (six capital letters) from a seed, so the same input gives the same bytes. */
export function subsetTag(seed: string, salt: number): string {
  let h = 2166136261 ^ salt;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  let tag = '';
  for (let i = 0; i < 6; i++) {
    h = Math.imul(h ^ (h >>> 15), 2246822507) >>> 0;
    tag += String.fromCharCode(65 + (h % 26));
  }
  return tag;
}

/**
 * Embeds both faces into a document as subsets. pdf-lib would parse the 15 MB file again for
 * every document; handing it the already parsed font through its `Fontkit` hook avoids that.
 */
export async function embedFonts(doc: PDFDocument, seed: string): Promise<Record<FontFace, PDFFont>> {
  const embedded: Partial<Record<FontFace, PDFFont>> = {};
  for (const [i, which] of (['regular', 'bold'] as const).entries()) {
    const loaded = face(which);
    doc.registerFontkit({ create: () => loaded.font });
    embedded[which] = await doc.embedFont(loaded.bytes, {
      subset: true,
      customName: `${subsetTag(seed, i)}+${POSTSCRIPT[which]}`,
    });
  }
  return { regular: embedded.regular!, bold: embedded.bold! };
}
