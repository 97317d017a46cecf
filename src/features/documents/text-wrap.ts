/**
 * Line breaking for Chinese text in a fixed width. Chinese breaks between any two characters;
 * runs of Latin letters and digits (ID numbers, amounts, case numbers) stay whole unless longer
 * than the line. Closing punctuation never starts a line: it hangs at the end of the previous one
 * (行尾悬挂), as Chinese typesetting does, and opening punctuation never ends one.
 */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕”’…%,.;:?!)]}·']);
const NO_LINE_END = new Set([...'（《「『【〔“‘([{']);

/** Splits into breakable units: one CJK character, or a run of non-CJK non-space characters, or a space. */
function units(text: string): string[] {
  return text.match(/[A-Za-z0-9@._\-+*/#%]+|\s|./gsu) ?? [];
}

export function wrapText(text: string, maxWidth: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    const before = lines.length;
    let line = '';
    let width = 0;
    const push = () => {
      lines.push(line.trimEnd());
      line = '';
      width = 0;
    };
    const breakRun = (run: string) => {
      // A run longer than the line (a very long number): break it by character.
      for (const char of run) {
        const cw = measure(char);
        if (width + cw > maxWidth && line !== '') push();
        line += char;
        width += cw;
      }
    };
    for (const unit of units(paragraph)) {
      const w = measure(unit);
      if (width + w <= maxWidth) {
        line += unit;
        width += w;
        continue;
      }
      if (NO_LINE_START.has(unit) && line !== '') {
        line += unit;
        push();
        continue;
      }
      const last = [...line].at(-1) ?? '';
      if (NO_LINE_END.has(last) && [...line].length > 1) {
        line = line.slice(0, -last.length);
        push();
        line = last;
        width = measure(last);
      } else if (line !== '') {
        push();
      }
      if (unit.trim() === '' && line === '') continue;
      if (w > maxWidth) breakRun(unit);
      else {
        line += unit;
        width += w;
      }
    }
    // The last line, unless a hanging punctuation mark has just ended it (an empty paragraph stays one empty line).
    if (line !== '' || lines.length === before) push();
  }
  return lines;
}
