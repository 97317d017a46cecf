import { z } from 'zod';

/** Every WeCom answer carries these; 0 means success (docs/wecom.md §2). */
export const baseReply = z.looseObject({ errcode: z.number().int(), errmsg: z.string().default('') });

export const tokenReply = baseReply.extend({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});

export const sendReply = baseReply.extend({
  invaliduser: z.string().optional(),
  invalidparty: z.string().optional(),
  invalidtag: z.string().optional(),
  unlicenseduser: z.string().optional(),
  msgid: z.string().optional(),
  response_code: z.string().optional(),
});
export type SendReply = z.infer<typeof sendReply>;

export const updateCardReply = baseReply.extend({
  invaliduser: z.array(z.string()).or(z.string()).optional(),
});

export const uploadReply = baseReply.extend({
  type: z.string(),
  media_id: z.string().min(1),
  created_at: z.union([z.string(), z.number()]).transform(String),
});

/** A media_id as WeCom hands it out (callbacks, media/upload); checked before it goes into a URL. */
export const mediaId = z.string().trim().min(1).max(512);

export const kfSendReply = baseReply.extend({ msgid: z.string().optional() });

const kfMessage = z.looseObject({
  msgid: z.string(),
  open_kfid: z.string().optional(),
  external_userid: z.string().optional(),
  send_time: z.number().int(),
  origin: z.number().int(),
  servicer_userid: z.string().optional(),
  msgtype: z.string(),
});
export type KfMessage = z.infer<typeof kfMessage>;

export const kfSyncReply = baseReply.extend({
  next_cursor: z.string().default(''),
  has_more: z.union([z.literal(0), z.literal(1)]).default(0),
  msg_list: z.array(kfMessage).default([]),
});
export type KfSyncReply = z.infer<typeof kfSyncReply>;

/** A template card (docs/wecom.md §2.5); checked for the fields we rely on, the rest passed through. */
export const templateCard = z.looseObject({
  card_type: z.enum([
    'text_notice',
    'news_notice',
    'button_interaction',
    'vote_interaction',
    'multiple_interaction',
  ]),
  task_id: z
    .string()
    .regex(/^[0-9A-Za-z_\-@]{1,128}$/)
    .optional(),
  main_title: z.looseObject({ title: z.string().optional(), desc: z.string().optional() }).optional(),
  button_list: z
    .array(
      z.looseObject({
        text: z.string().max(10),
        key: z.string().max(1024).optional(),
        style: z.number().optional(),
      }),
    )
    .max(6)
    .optional(),
});
export type TemplateCard = z.infer<typeof templateCard>;

/** The message bodies the product sends through message/send. */
export type AppMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'file'; file: { media_id: string } }
  | { msgtype: 'image'; image: { media_id: string } }
  | { msgtype: 'template_card'; template_card: TemplateCard };

/** The message bodies the product sends through kf/send_msg. */
export type KfMessageBody =
  | { msgtype: 'text'; text: { content: string } }
  | {
      msgtype: 'msgmenu';
      msgmenu: {
        head_content?: string;
        list: { type: 'click'; click: { id: string; content: string } }[];
        tail_content?: string;
      };
    };
