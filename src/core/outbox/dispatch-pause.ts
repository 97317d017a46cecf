import { WecomApiError } from '../wecom/api/api-error';

/** errcodes that concern the whole app, not one message: configuration to fix (docs/wecom.md §2.10). */
const CONFIGURATION = new Set([40001, 40013, 40056, 48002, 60020, 301002]);

/**
 * An error after which no other message would fare better right now. Sending stops for a while
 * instead of dead-lettering the whole queue one row at a time: configuration errors until an
 * operator fixes them (probed every 5 minutes), WeCom's frequency block for its minute (45009
 * blocks 60 s at the minute level; an hour-level block keeps answering 45009 and is probed again),
 * concurrency limits for a few seconds. Rows keep their attempts.
 */
export interface PauseDurations {
  configurationMs: number;
  frequencyMs: number;
  concurrencyMs: number;
  /** WeCom unreachable or busy (-1, HTTP 5xx, timeouts, resets) after the client's own retries. */
  unavailableMs: number;
}

export const DEFAULT_PAUSES: PauseDurations = {
  configurationMs: 5 * 60_000,
  frequencyMs: 60_000,
  concurrencyMs: 10_000,
  unavailableMs: 30_000,
};

export function appWidePause(
  error: unknown,
  pauses: PauseDurations = DEFAULT_PAUSES,
): { ms: number; reason: string; outage?: boolean } | undefined {
  if (!(error instanceof WecomApiError)) return undefined;
  // WeCom down or busy is not this message's fault: every message would fail alike.
  if (error.kind === 'transient' && (error.errcode === undefined || error.errcode === -1))
    return { ms: pauses.unavailableMs, reason: `WeCom unavailable: ${error.message}`, outage: true };
  if (error.errcode === undefined) return undefined;
  if (CONFIGURATION.has(error.errcode))
    return { ms: pauses.configurationMs, reason: `configuration: ${error.message}` };
  if (error.errcode === 45009) return { ms: pauses.frequencyMs, reason: `frequency limit: ${error.message}` };
  if (error.errcode === 45033)
    return { ms: pauses.concurrencyMs, reason: `concurrency limit: ${error.message}` };
  return undefined;
}

/**
 * WeCom refused an id we chose (微信客服 msgid, card task_id) as already used: the earlier send,
 * whose answer we lost, went through. The errmsg must name our id; confirm the real text against
 * WeCom when first deployed (the fake's wording: "duplicate msgid …", "task_id … already used").
 */
export function isDuplicateOfOurs(error: unknown, ourId: string): boolean {
  return (
    error instanceof WecomApiError &&
    error.errcode !== undefined &&
    error.errmsg.includes(ourId) &&
    /duplicate|already|exist|重复|已存在/i.test(error.errmsg)
  );
}
