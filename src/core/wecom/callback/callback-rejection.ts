/** Why a callback was refused; each maps to one HTTP status WeCom (or an attacker) sees. */
export type RejectionCode =
  | 'missing_query'
  | 'bad_signature'
  | 'stale_timestamp'
  | 'foreign_receiver'
  | 'undecryptable'
  | 'malformed_xml'
  | 'invalid_message'
  | 'body_too_large';

const STATUS: Record<RejectionCode, number> = {
  missing_query: 400,
  bad_signature: 403,
  stale_timestamp: 403,
  foreign_receiver: 403,
  undecryptable: 400,
  malformed_xml: 400,
  invalid_message: 400,
  body_too_large: 413,
};

/**
 * A refused callback. `detail` is for our logs (English, never the payload); the HTTP body
 * carries only the code, so a caller learns nothing about our keys or parsing.
 */
export class CallbackRejection extends Error {
  readonly status: number;
  constructor(
    readonly code: RejectionCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'CallbackRejection';
    this.status = STATUS[code];
  }
}
