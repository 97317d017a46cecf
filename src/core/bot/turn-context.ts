import type { Db } from '../db/database';
import type { Logger } from '../log/logger';
import type { ReplyChoice, ReplyModel } from '../outbox/reply-model';
import type { StaffMember } from '../staff/staff-directory';
import type { TemplateStore } from '../templates/template-store';
import type { InboundMessage } from '../wecom/callback/inbound-message-schema';
import type { ConversationState } from './conversation-state';

/** A stored inbound message as the worker hands it to handlers. */
export interface StoredMessage {
  id: number;
  channel: 'app' | 'kf';
  conversationKey: string;
  fromUser: string;
  /** The 微信客服 account a kf message came through (replies go back through it). */
  openKfId?: string;
  message: InboundMessage;
}

/**
 * Everything a handler gets for one inbound message: the message, the user's state (a copy:
 * committed only if the whole turn succeeds), the clock, a logger and `reply`. Handlers never
 * see tokens, raw XML or the WeCom API.
 */
export interface TurnContext {
  readonly inbound: StoredMessage;
  /**
   * The choice the user made, whatever the channel: a card button's key, a 微信客服 menu item's id,
   * or a number answering the numbered choices last offered. Undefined for anything else.
   */
  readonly choice: string | undefined;
  readonly now: Date;
  readonly log: Logger;
  /** The turn's transaction: what a handler writes commits with the turn's state and replies, or not at all. */
  readonly db: Db;
  /** The sender's staff record (self-built app only); undefined for residents. */
  readonly staff: StaffMember | undefined;
  state: ConversationState;
  /** Queues a reply rendered from a template; written to the outbox with the turn's commit. */
  reply(
    templateId: string,
    vars?: Record<string, unknown>,
    choices?: ReplyChoice[],
    options?: ReplyOptions,
  ): void;
  readonly replies: readonly ReplyModel[];
  /** Queues a message to someone else (e.g. a caseworker), written to the outbox with the turn's commit. */
  notify(to: Recipient, templateId: string, vars?: Record<string, unknown>, choices?: ReplyChoice[]): void;
  readonly notifications: readonly Notification[];
}

/** Who a message goes to: a WeCom member (app) or a resident on 微信客服 (kf, through its account). */
export interface Recipient {
  channel: 'app' | 'kf';
  userId: string;
  openKfId?: string | undefined;
}

export interface Notification {
  to: Recipient;
  reply: ReplyModel;
}

/** Delivery details a handler may need (most replies need none). */
export interface ReplyOptions {
  /** 微信客服 enter_session welcome_code: the reply goes out through send_msg_on_event. */
  kfEventCode?: string;
  /** The reply shows a full ID number or phone: sealed at rest in the outbox. */
  personalData?: boolean;
}

export function createTurnContext(
  inbound: StoredMessage,
  state: ConversationState,
  now: Date,
  log: Logger,
  templates: TemplateStore,
  db: Db,
  staff: StaffMember | undefined,
): TurnContext {
  const replies: ReplyModel[] = [];
  const notifications: Notification[] = [];
  return {
    inbound,
    choice: choiceOf(inbound, state),
    now,
    log,
    db,
    staff,
    state,
    replies,
    notifications,
    notify(to, templateId, vars, choices) {
      notifications.push({
        to,
        reply: { text: templates.render(templateId, vars), ...(choices ? { choices } : {}) },
      });
    },
    reply(templateId, vars, choices, options) {
      replies.push({
        text: templates.render(templateId, vars),
        ...(choices ? { choices } : {}),
        ...(options?.kfEventCode ? { kfEventCode: options.kfEventCode } : {}),
        ...(options?.personalData ? { personalData: true as const } : {}),
      });
    },
  };
}

function choiceOf(inbound: StoredMessage, state: ConversationState): string | undefined {
  const m = inbound.message;
  if (m.MsgType === 'event') return typeof m.EventKey === 'string' && m.EventKey ? m.EventKey : undefined;
  if (typeof m.MenuId === 'string' && m.MenuId) return m.MenuId;
  const text = typeof m.Content === 'string' ? m.Content.trim().replace(/[。.]$/, '') : '';
  const fullWidth = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,2}$/.test(fullWidth)) return undefined;
  return state.offeredChoices[Number(fullWidth) - 1]?.key;
}
