import { z } from 'zod';
import type { RenderedText } from '../templates/template-store';

/** A choice the user can pick: shown as a button, a msgmenu item or a numbered line per channel. */
export interface ReplyChoice {
  key: string;
  label: string;
}

/**
 * How the choices of a reply go out as a button card when the sender needs to recognise the card
 * later (e.g. a meeting invitation): our own `task_id`, which click callbacks carry back, and a
 * heading. Without it the card gets the outbox row's id and a generic heading.
 */
export interface ReplyCard {
  taskId: string;
  title: string;
  desc?: string;
}

/**
 * Someone to tell what became of a message once the dispatcher knows (sent, held in the 微信客服
 * window, or failed): a caseworker's answer to a hand-off (`handoff_answers.id`).
 */
export interface DeliveryReceipt {
  handoffAnswer: number;
}

export type DeliveryOutcome = 'sent' | 'held' | 'failed';

/**
 * What a handler answers, independent of channel. The outbox stores it; a renderer per channel
 * (WeCom-client issue) turns it into a template card, a 微信客服 msgmenu or numbered text.
 */
export interface ReplyModel {
  text: RenderedText;
  choices?: ReplyChoice[];
  /** Self-built app only: the card the choices are shown on (task_id and heading). */
  card?: ReplyCard;
  /** 微信客服 only: send with this event code (enter_session welcome_code) via send_msg_on_event. */
  kfEventCode?: string;
  /** The text holds a full ID number or phone: the outbox keeps it sealed (outbox-body.ts). */
  personalData?: true;
  /** Report the delivery of this message (see `DeliveryReceipt`). */
  receipt?: DeliveryReceipt;
}

/** A card task_id as WeCom accepts it (docs/wecom.md §2.5): at most 128 of `[0-9A-Za-z_-@]`. */
export const CARD_TASK_ID = /^[0-9A-Za-z_\-@]{1,128}$/;

/** The stored form of a reply (outbox `body`), checked when the dispatcher reads it back. */
export const replyModelSchema = z.object({
  text: z.object({ templateId: z.string(), templateVersion: z.number().int(), text: z.string() }),
  choices: z.array(z.object({ key: z.string().min(1), label: z.string().min(1) })).optional(),
  card: z
    .object({
      taskId: z.string().regex(CARD_TASK_ID),
      title: z.string().min(1),
      desc: z.string().min(1).optional(),
    })
    .optional(),
  kfEventCode: z.string().optional(),
  personalData: z.literal(true).optional(),
  receipt: z.object({ handoffAnswer: z.number().int().positive() }).optional(),
});
