import type { TemplateStore } from '../templates/template-store';
import type { AppMessage, KfMessageBody } from '../wecom/api/api-schemas';
import { splitUtf8, truncateUtf8 } from '../wecom/api/text-split';
import type { ReplyModel } from './reply-model';

/** WeCom limits we render within (docs/wecom.md §2.5, §3.4). */
const MAX_BUTTONS = 6;
const MAX_BUTTON_CHARS = 10;
const MAX_MENU_ITEMS = 10;
const MAX_MENU_HEAD_BYTES = 1024;
const MAX_MENU_ID_BYTES = 64;
const MAX_MENU_ITEM_BYTES = 128;

/**
 * Self-built app: the text (split to 2048-byte parts), then the choices as a button_interaction
 * card whose `task_id` is unique per send: the reply's own card task_id and heading when it names
 * one (a card the sender routes clicks back for), else `taskId`. Choices that cannot be buttons
 * become numbered lines.
 */
export function renderForApp(reply: ReplyModel, taskId: string, templates: TemplateStore): AppMessage[] {
  const choices = reply.choices ?? [];
  const asButtons =
    choices.length > 0 &&
    choices.length <= MAX_BUTTONS &&
    choices.every((c) => [...c.label].length <= MAX_BUTTON_CHARS);
  const text = asButtons ? reply.text.text : withNumberedChoices(reply);
  const parts: AppMessage[] = splitUtf8(text).map((content) => ({ msgtype: 'text', text: { content } }));
  if (asButtons) {
    parts.push({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        task_id: reply.card?.taskId ?? taskId,
        main_title: reply.card
          ? { title: reply.card.title, ...(reply.card.desc ? { desc: reply.card.desc } : {}) }
          : { title: templates.render('chat.choices-prompt').text },
        button_list: choices.map((c) => ({ text: c.label, key: c.key, style: 1 })),
      },
    });
  }
  return parts;
}

/** App group chat: no interactive cards there, so choices are numbered lines. */
export function renderForAppChat(reply: ReplyModel): { msgtype: 'text'; text: { content: string } }[] {
  return splitUtf8(withNumberedChoices(reply)).map((content) => ({ msgtype: 'text', text: { content } }));
}

/** 微信客服: the text, with the choices as a msgmenu (click items) when they fit, else numbered lines. */
export function renderForKf(reply: ReplyModel, templates: TemplateStore): KfMessageBody[] {
  const choices = reply.choices ?? [];
  if (choices.length === 0 || choices.length > MAX_MENU_ITEMS) {
    return splitUtf8(withNumberedChoices(reply)).map((content) => ({ msgtype: 'text', text: { content } }));
  }
  const list = choices.map((c) => ({
    type: 'click' as const,
    click: {
      id: truncateUtf8(c.key, MAX_MENU_ID_BYTES),
      content: truncateUtf8(c.label, MAX_MENU_ITEM_BYTES),
    },
  }));
  if (new Set(list.map((i) => i.click.id)).size !== list.length) {
    // Keys that collide once cut to WeCom's limit cannot be told apart: numbered lines instead.
    return splitUtf8(withNumberedChoices(reply)).map((content) => ({ msgtype: 'text', text: { content } }));
  }
  if (Buffer.byteLength(reply.text.text, 'utf8') <= MAX_MENU_HEAD_BYTES) {
    return [{ msgtype: 'msgmenu', msgmenu: { head_content: reply.text.text, list } }];
  }
  return [
    ...splitUtf8(reply.text.text).map((content): KfMessageBody => ({ msgtype: 'text', text: { content } })),
    { msgtype: 'msgmenu', msgmenu: { head_content: templates.render('chat.choices-prompt').text, list } },
  ];
}

/** Plain text with the choices as `1. …` lines; a numeric answer is matched back by the router. */
export function withNumberedChoices(reply: ReplyModel): string {
  const choices = reply.choices ?? [];
  if (choices.length === 0) return reply.text.text;
  return `${reply.text.text}\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join('\n')}`;
}
