import { z } from 'zod';
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
  /** 微信客服 only: send with this event code (enter_session welcome_code) via send_msg_on_event. */
  kfEventCode?: string;
}

/** The stored form of a reply (outbox `body`), checked when the dispatcher reads it back. */
export const replyModelSchema = z.object({
  text: z.object({ templateId: z.string(), templateVersion: z.number().int(), text: z.string() }),
  choices: z.array(z.object({ key: z.string().min(1), label: z.string().min(1) })).optional(),
  kfEventCode: z.string().optional(),
});
