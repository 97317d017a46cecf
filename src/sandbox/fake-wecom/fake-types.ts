/** One self-built app of the fake corp: its secret decides which agentid a token belongs to. */
export interface FakeApp {
  secret: string;
  agentId: string;
}

/** Where and how the fake delivers callbacks to the product (docs/wecom.md §1). */
export interface CallbackTarget {
  /** Full URL of the product's callback endpoint, e.g. `http://127.0.0.1:3000/wecom/callback`. */
  url: string;
  token: string;
  encodingAesKey: string;
}

export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: string;
  /** Token lifetime in seconds (WeCom: 7200). */
  tokenLifetimeSeconds?: number;
  /** Clock for every expiry and rate window (tokens, response codes, media, KF windows). */
  now?: () => Date;
  /** More apps in the same corp, to exercise 301002 and 42015. */
  extraApps?: FakeApp[];
  /** Known member ids (visible range). Omitted: every id is a member. */
  members?: string[];
  /** Known 微信客服 accounts. Omitted: every open_kfid exists. */
  kfAccounts?: string[];
  /** Errcode for a token past its lifetime: 42001 (default) or 40014, as both are seen in the wild. */
  expiredTokenErrcode?: 40014 | 42001;
  /** Lifetime of template-card response codes (docs: 72 h now, 24 h before; default 24 h). */
  responseCodeLifetimeSeconds?: number;
  /** Per member per app silent-drop limits of message/send (WeCom: 30/min, 1000/h). */
  memberRateLimit?: { perMinute: number; perHour: number };
  callback?: CallbackTarget;
  /** Sandbox only: lets tooling move the clock forward (`POST /sandbox/clock`). */
  clockControl?: { advance(ms: number): Date };
}

/** The JSON body of every WeCom answer. */
export type WecomReply = { errcode: number; errmsg: string } & Record<string, unknown>;

/** media/get answers bytes, not JSON. */
export interface BinaryReply {
  binary: Buffer;
  contentType: string;
  filename: string;
}

/** One message the product sent, as the fake received it (message/send, appchat/send, kf sends). */
export interface RecordedSend {
  path: string;
  body: unknown;
  at: Date;
  msgtype: string;
  /** Member ids, external_userid, or the chat's members, that the message was meant for. */
  recipients: string[];
  /** Recipients WeCom silently dropped (over 30/min or 1000/h from one app). */
  droppedFor: string[];
  /** True when every recipient was dropped: the API said ok, but nobody got it. */
  dropped: boolean;
  msgid?: string;
  chatid?: string;
  openKfid?: string;
}

/** One successful message/update_template_card. */
export interface RecordedCardUpdate {
  at: Date;
  agentId: string;
  responseCode: string;
  taskId: string;
  userids: string[];
  atall: boolean;
  /** `button.replace_name` when the buttons were greyed out. */
  replaceName?: string;
  /** The replacement card when the whole card was replaced. */
  templateCard?: Record<string, unknown>;
  body: unknown;
}

/** Every request that reached the fake, with what it answered (for retry assertions). */
export interface RecordedCall {
  method: string;
  path: string;
  at: Date;
  status: number;
  /** Absent when the answer was not JSON (bytes, malformed, reset). */
  errcode?: number;
  outcome: 'answered' | 'http_error' | 'malformed' | 'reset';
}
