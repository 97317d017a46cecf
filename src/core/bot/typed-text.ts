import { commandText, commandWord, normaliseWidth } from '../../domain/text/typed-text';
import type { TurnContext } from './turn-context';

/** The text of a turn ('' for anything but a text message), read as described in typed-text.ts. */
function rawText(ctx: TurnContext): string {
  return ctx.inbound.message.MsgType === 'text' ? String(ctx.inbound.message.Content ?? '') : '';
}

/** A typed command and its arguments (`受理 SQ…`). */
export const typedCommand = (ctx: TurnContext): string => commandText(rawText(ctx));

/** A short request matched as a whole word (`查进度`, `你好`). */
export const typedWord = (ctx: TurnContext): string => commandWord(rawText(ctx));

/** A typed answer or reply, punctuation kept (`回复 1 请带户口本来。`). */
export const typedAnswer = (ctx: TurnContext): string => normaliseWidth(rawText(ctx)).trim();
