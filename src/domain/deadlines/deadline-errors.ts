/**
 * Refusals of deadline operations as values. The code is stable and the chat layer renders it
 * from a template (the Chinese lives there); `message` is English, for the log.
 */

/** Why a deadline operation was refused. */
export type DeadlineErrorCode =
  /** 六 (last paragraph): an extension needs a recorded reason (特殊情况). */
  | 'extension_reason_required'
  /** 六 (last paragraph): never beyond 45 (低保, 特困) or 60 (临时救助) working days in all. */
  | 'extension_above_maximum'
  /** An extension must lengthen the current period. */
  | 'extension_not_longer'
  /** Only the decision deadline can be extended. */
  | 'extension_not_allowed';

/** A refused deadline operation. */
export interface DeadlineError {
  readonly code: DeadlineErrorCode;
  /** English, for the log; never shown to a resident or caseworker as is. */
  readonly message: string;
  /** Values a template may show (days, maximum, timer id). */
  readonly params: Readonly<Record<string, string | number>>;
}

/** Success with a value, or a refusal; refusals are expected outcomes, not exceptions. */
export type DeadlineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: DeadlineError };

/** Builds a refusal. */
export function deadlineError<T>(
  code: DeadlineErrorCode,
  message: string,
  params: Readonly<Record<string, string | number>> = {},
): DeadlineResult<T> {
  return { ok: false, error: { code, message, params } };
}
