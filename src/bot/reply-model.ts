import type { RenderedText } from '../templates/template-store';

/** A choice the user can pick: shown as a button, a msgmenu item or a numbered line per channel. */
export interface ReplyChoice {
  key: string;
  label: string;
}

/**
 * What a handler answers, independent of channel. The outbox stores it; a renderer per channel
 * (WeCom-client issue) turns it into a template card, a 微信客服 msgmenu or numbered text.
 */
export interface ReplyModel {
  text: RenderedText;
  choices?: ReplyChoice[];
}
