import { z } from 'zod';
import { CallbackRejection } from './callback-rejection';

/** An id as WeCom sends it: opaque text (MsgId is no longer always numeric, docs/wecom.md §1.6). */
const opaqueId = z.string().min(1).max(256);
const unixSeconds = z.string().regex(/^\d{1,12}$/, 'CreateTime must be unix seconds');

const common = {
  ToUserName: opaqueId,
  FromUserName: opaqueId,
  CreateTime: unixSeconds,
  AgentID: z.string().max(32).optional(),
};

const message = <T extends z.ZodRawShape>(msgType: string, fields: T) =>
  z.looseObject({ ...common, MsgType: z.literal(msgType), MsgId: opaqueId, ...fields });

const selectedItem = z.looseObject({
  QuestionKey: z.string(),
  OptionIds: z.looseObject({ OptionId: z.array(z.string()) }).optional(),
});

const eventSchema = z.looseObject({
  ...common,
  // kf_msg_or_event comes from no user: it names a 微信客服 account and a pull Token instead.
  FromUserName: opaqueId.optional(),
  Token: z.string().max(512).optional(),
  OpenKfId: z.string().max(128).optional(),
  MsgType: z.literal('event'),
  Event: z.string().min(1).max(64),
  EventKey: z.string().max(1024).optional(),
  TaskId: z.string().max(128).optional(),
  CardType: z.string().max(64).optional(),
  ResponseCode: z.string().max(512).optional(),
  SelectedItems: z.looseObject({ SelectedItem: z.array(selectedItem) }).optional(),
});

const knownTypes = ['text', 'image', 'voice', 'video', 'location', 'link', 'file', 'event'] as const;

/**
 * A decrypted callback (docs/wecom.md §1.6–1.7). Known types are checked field by field; a type
 * WeCom adds later is still accepted (with its MsgId) so that nothing a user sent is dropped.
 */
export const inboundMessageSchema = z.union([
  message('text', { Content: z.string().max(20_000) }),
  message('image', { PicUrl: z.string().optional(), MediaId: opaqueId }),
  message('voice', { MediaId: opaqueId, Format: z.string().optional() }),
  message('video', { MediaId: opaqueId, ThumbMediaId: z.string().optional() }),
  message('file', { MediaId: opaqueId }),
  message('location', {
    Location_X: z.string(),
    Location_Y: z.string(),
    Scale: z.string().optional(),
    Label: z.string().optional(),
  }),
  message('link', { Title: z.string().optional(), Url: z.string().optional() }),
  eventSchema,
  z.looseObject({
    ...common,
    MsgType: z
      .string()
      .min(1)
      .max(64)
      .refine((t) => !(knownTypes as readonly string[]).includes(t)),
    MsgId: opaqueId,
  }),
]);

export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type EventMessage = z.infer<typeof eventSchema>;

/** Narrows to an event (the fallback branch for unknown types keeps MsgType a plain string). */
export function isEvent(message: InboundMessage): message is EventMessage {
  return message.MsgType === 'event';
}

/** Validates a parsed callback; a failure names the first offending field (not its value). */
export function validateInboundMessage(fields: Record<string, unknown>): InboundMessage {
  const parsed = inboundMessageSchema.safeParse(fields);
  if (!parsed.success) {
    const type = typeof fields.MsgType === 'string' ? fields.MsgType.slice(0, 32) : 'unknown';
    throw new CallbackRejection(
      'invalid_message',
      `MsgType ${type}: ${describeFirstIssue(parsed.error, type)}`,
    );
  }
  return parsed.data;
}

function describeFirstIssue(error: z.ZodError, msgType: string): string {
  // A union reports one branch per alternative; show the branch for the message's own type.
  const first = error.issues[0];
  if (first?.code === 'invalid_union') {
    for (const branch of first.errors) {
      const typeIssue = branch.find((i) => i.path[0] === 'MsgType');
      if (!typeIssue && branch[0]) return `${branch[0].path.join('.')} ${branch[0].message}`;
    }
    return `unsupported or missing fields for ${msgType}`;
  }
  return first ? `${first.path.join('.')} ${first.message}` : 'invalid';
}
