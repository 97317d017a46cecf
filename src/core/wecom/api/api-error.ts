/** How the client and the outbox treat a failed call. */
export type FailureKind = 'transient' | 'token' | 'permanent';

/** errcodes worth a retry: the platform is busy or limiting us (docs/wecom.md §2.10). */
const TRANSIENT = new Set([-1, 45009, 45033, 95003]);
/** The access token is no longer valid: drop it, fetch a new one, replay once. */
const TOKEN = new Set([40014, 42001]);

/** What each errcode we may meet means, for operators reading a dead letter. */
const MEANINGS: Record<number, string> = {
  [-1]: 'WeCom system busy',
  40001: 'invalid secret (WECOM_SECRET) — fix the configuration',
  40003: 'invalid UserID',
  40007: 'invalid or expired media_id — upload again',
  40008: 'invalid message type',
  40013: 'invalid CorpID (WECOM_CORP_ID)',
  40014: 'invalid access_token',
  40029: 'invalid OAuth code (used, expired or of another app)',
  40031: 'invalid UserID list',
  40056: 'invalid agentid',
  40058: 'invalid parameter',
  41001: 'access_token missing',
  42001: 'access_token expired',
  42015: 'response_code used, expired or of another app',
  44004: 'empty message content',
  45002: 'message content too long',
  45009: 'API frequency limit reached',
  45033: 'API concurrency limit reached',
  48002: 'API not permitted for this app',
  60011: 'no privilege for this member or department (visible range)',
  60020: 'server IP not in the app’s trusted IPs (企业可信IP)',
  81013: 'no valid recipient (all users invalid or outside the visible range)',
  95000: 'invalid open_kfid',
  95001: '微信客服: 5 messages already sent since the resident last wrote',
  95002: '微信客服: 48 hours passed since the resident last wrote',
  95003: '微信客服: reception capacity reached',
  301002: 'access_token belongs to another app (agentid mismatch)',
};

export function errcodeMeaning(errcode: number): string {
  return MEANINGS[errcode] ?? 'see the WeCom error-code reference';
}

/**
 * A WeCom API call that did not succeed: an errcode in the answer, or (errcode undefined) an
 * HTTP, timeout or connection failure. `kind` decides retry; the message names code and meaning.
 */
export class WecomApiError extends Error {
  override name = 'WecomApiError';
  readonly kind: FailureKind;
  /** The caller IP WeCom saw, from a 60020 answer's `from ip: …` (for the trusted-IP list). */
  readonly fromIp: string | undefined;

  constructor(
    readonly path: string,
    readonly errcode: number | undefined,
    readonly errmsg: string,
    kindOverride?: FailureKind,
  ) {
    const fromIp = /from ip:\s*([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
    const meaning = errcode === undefined ? errmsg : `${errcode} ${errcodeMeaning(errcode)}`;
    super(`${path}: ${meaning}${fromIp ? ` (from ip ${fromIp})` : ''}`);
    this.fromIp = fromIp;
    this.kind =
      kindOverride ??
      (errcode === undefined || TRANSIENT.has(errcode)
        ? 'transient'
        : TOKEN.has(errcode)
          ? 'token'
          : 'permanent');
  }
}
