import { z } from 'zod';

/**
 * Request bodies as the fake reads them. Loose on purpose: unknown fields pass through (WeCom
 * ignores them), and a field of the wrong type is a 40058 rather than a crash.
 */
const agentid = z
  .union([z.number().int(), z.string().regex(/^\d+$/)])
  .transform(String)
  .optional();

export const messageSendBody = z.looseObject({
  touser: z.string().optional(),
  toparty: z.string().optional(),
  totag: z.string().optional(),
  msgtype: z.string().optional(),
  agentid,
});

export const contentPayload = z.looseObject({ content: z.string().optional() });
export const mediaPayload = z.looseObject({ media_id: z.string().optional() });

export const templateCardPayload = z.looseObject({
  card_type: z.string().optional(),
  task_id: z.string().optional(),
  button_list: z.array(z.unknown()).optional(),
});

export const updateTemplateCardBody = z.looseObject({
  userids: z.array(z.string()).optional(),
  partyids: z.array(z.union([z.string(), z.number()])).optional(),
  tagids: z.array(z.union([z.string(), z.number()])).optional(),
  atall: z.number().int().optional(),
  agentid,
  response_code: z.string().optional(),
  button: z.looseObject({ replace_name: z.string().optional() }).optional(),
  template_card: z.record(z.string(), z.unknown()).optional(),
});

export const appchatCreateBody = z.looseObject({
  name: z.string().optional(),
  owner: z.string().optional(),
  userlist: z.array(z.string()).optional(),
  chatid: z.string().optional(),
});

export const appchatSendBody = z.looseObject({
  chatid: z.string().optional(),
  msgtype: z.string().optional(),
});

export const kfSyncBody = z.looseObject({
  cursor: z.string().optional(),
  token: z.string().optional(),
  limit: z.number().int().optional(),
  voice_format: z.number().int().optional(),
  open_kfid: z.string().optional(),
});

export const kfSendBody = z.looseObject({
  touser: z.string().optional(),
  open_kfid: z.string().optional(),
  msgid: z.string().optional(),
  msgtype: z.string().optional(),
});

export const kfSendOnEventBody = z.looseObject({
  code: z.string().optional(),
  msgid: z.string().optional(),
  msgtype: z.string().optional(),
});

export const msgmenuPayload = z.looseObject({
  head_content: z.string().optional(),
  tail_content: z.string().optional(),
  list: z
    .array(
      z.looseObject({
        type: z.string(),
        click: z.looseObject({ id: z.string(), content: z.string() }).optional(),
      }),
    )
    .optional(),
});

/** Not WeCom: `POST /sandbox/response-code`, for `npm run chat` to press a card button. */
export const sandboxResponseCodeBody = z.object({ task_id: z.string() });
