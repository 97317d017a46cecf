import { z } from 'zod';
import { baseReply } from './api-schemas';

/**
 * `auth/getuserinfo` (docs/wecom.md §10): a corp member answers `userid` (the legacy
 * `user/getuserinfo` spelled it `UserId`); a visitor outside the corp answers `openid` and maybe
 * `external_userid`. Errors (40029 invalid, used or expired code) are raised by the client.
 */
export const userInfoReply = baseReply.extend({
  userid: z.string().min(1).max(64).optional(),
  UserId: z.string().min(1).max(64).optional(),
  openid: z.string().min(1).max(128).optional(),
  external_userid: z.string().min(1).max(128).optional(),
  user_ticket: z.string().optional(),
});
export type UserInfoReply = z.infer<typeof userInfoReply>;

/** Who opened the page, as WeCom says: a member of the corp, or someone from outside it. */
export type OAuthVisitor = { kind: 'member'; userId: string } | { kind: 'outsider' };

export function visitorOf(reply: UserInfoReply): OAuthVisitor {
  const userId = reply.userid ?? reply.UserId;
  return userId ? { kind: 'member', userId } : { kind: 'outsider' };
}

/** An OAuth `code` as WeCom hands it to the redirect: at most 512 bytes, URL-safe. */
export const oauthCode = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9_-]+$/);
