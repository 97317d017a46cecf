/**
 * What `npm run chat` does with each line typed. The bot asks for some answers one item per line
 * (家庭成员, 材料, reasons), and in WeCom a message may hold several lines, but a terminal sends
 * each line as it is entered. So a message of several lines is typed either with a `\` at the end
 * of every line but the last, or between `/multi` and `/end` (where lines are taken as they are,
 * so pasted text works and a line may start with `/`); `/cancel` drops what was gathered.
 */
export type InputStep =
  /** One line, as typed: a command or a message of one line. */
  | { kind: 'line'; text: string }
  /** A message of several lines, complete: send it as one. */
  | { kind: 'message'; text: string }
  /** More lines are awaited (`block` tells which way the message is being typed). */
  | { kind: 'more'; block: boolean; started: boolean }
  /** `/cancel`, or a message with nothing in it: nothing is sent. */
  | { kind: 'dropped' };

const CONTINUES = /\\\s*$/;

export class ChatInput {
  /** Lines gathered so far; undefined when no message of several lines is being typed. */
  private lines: string[] | undefined;
  private block = false;

  /** True while a message of several lines is being typed (the prompt shows it). */
  get gathering(): boolean {
    return this.lines !== undefined;
  }

  push(raw: string): InputStep {
    const command = raw.trim();
    if (this.lines === undefined) {
      if (command === '/multi') {
        this.lines = [];
        this.block = true;
        return { kind: 'more', block: true, started: true };
      }
      // A command is never continued: `/photo C:\dir\` names a file, not a second line.
      if (!command.startsWith('/') && CONTINUES.test(raw)) {
        this.lines = [raw.replace(CONTINUES, '').trimEnd()];
        this.block = false;
        return { kind: 'more', block: false, started: true };
      }
      return { kind: 'line', text: command };
    }
    if (command === '/cancel') return this.finish(true);
    if (this.block) {
      if (command === '/end') return this.finish(false);
      this.lines.push(raw.trimEnd());
      return { kind: 'more', block: true, started: false };
    }
    if (CONTINUES.test(raw)) {
      this.lines.push(raw.replace(CONTINUES, '').trimEnd());
      return { kind: 'more', block: false, started: false };
    }
    this.lines.push(raw.trimEnd());
    return this.finish(false);
  }

  private finish(cancelled: boolean): InputStep {
    const lines = this.lines ?? [];
    this.lines = undefined;
    this.block = false;
    // Blank lines around the message are the typing's, not the message's.
    const text = lines.join('\n').trim();
    if (cancelled || text === '') return { kind: 'dropped' };
    return { kind: 'message', text };
  }
}
