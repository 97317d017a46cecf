import { CallbackRejection } from './callback-rejection';

/** The outer POST body: `<xml><ToUserName/><AgentID/><Encrypt/></xml>` (docs/wecom.md §1.3). */
export interface CallbackEnvelope {
  Encrypt: string;
  ToUserName?: string;
  AgentID?: string;
}

/** WeCom's envelope has three children; a few more are tolerated, not thousands. */
const MAX_CHILDREN = 8;
const MAX_NAME = 32;
const MAX_DECLARATION = 256;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CDATA_OPEN = '<![CDATA[';

/**
 * Reads the envelope of a callback before its signature is checked, so it must cost little for
 * any body an outsider sends: one forward pass (every `indexOf` starts where the last one ended),
 * at most `MAX_CHILDREN` flat children, no DOCTYPE, comments, attributes, nesting or entities.
 * WeCom's envelope is a flat `<xml>` of text or CDATA children; anything else is `malformed_xml`.
 * Only `Encrypt` is needed before verification; the decrypted message is parsed after it.
 */
export function parseCallbackEnvelope(body: string): CallbackEnvelope {
  const fields: { Encrypt?: string; ToUserName?: string; AgentID?: string } = {};
  let at = skipSpace(body, body.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (body.startsWith('<?xml', at)) {
    const end = body.indexOf('?>', at);
    if (end < 0 || end - at > MAX_DECLARATION) refuse('unterminated XML declaration');
    at = skipSpace(body, end + 2);
  }
  at = expect(body, at, '<xml>');
  for (let children = 0; ; children++) {
    at = skipSpace(body, at);
    if (body.startsWith('</xml>', at)) {
      at = skipSpace(body, at + 6);
      if (at !== body.length) refuse('content after </xml>');
      break;
    }
    if (children >= MAX_CHILDREN) refuse('too many envelope elements');
    const name = elementName(body, at);
    at += name.length + 2;
    let value: string;
    if (body.startsWith(CDATA_OPEN, at)) {
      const end = body.indexOf(']]>', at + CDATA_OPEN.length);
      if (end < 0) refuse('unterminated CDATA');
      value = body.slice(at + CDATA_OPEN.length, end);
      at = end + 3;
    } else {
      const end = body.indexOf('<', at);
      if (end < 0) refuse(`unterminated <${name}>`);
      value = body.slice(at, end);
      // Entities are never expanded; WeCom sends none in the envelope.
      if (value.includes('&')) refuse('entity reference in the envelope');
      at = end;
    }
    at = expect(body, at, `</${name}>`);
    if (name === 'Encrypt' || name === 'ToUserName' || name === 'AgentID') {
      if (fields[name] !== undefined) refuse(`<${name}> appears twice`);
      fields[name] = value;
    }
  }
  if (!fields.Encrypt) refuse('envelope has no <Encrypt>');
  return { ...fields, Encrypt: fields.Encrypt };
}

/** The name of the start tag at `at`, looking no further than `MAX_NAME` characters. */
function elementName(text: string, at: number): string {
  if (text[at] !== '<') refuse('envelope element expected');
  const limit = Math.min(text.length, at + 2 + MAX_NAME);
  for (let i = at + 1; i < limit; i++) {
    if (text[i] !== '>') continue;
    const name = text.slice(at + 1, i);
    if (NAME.test(name)) return name;
    break;
  }
  return refuse('envelope element expected');
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

function expect(text: string, at: number, token: string): number {
  if (!text.startsWith(token, at)) refuse(`${token} expected`);
  return at + token.length;
}

function refuse(detail: string): never {
  throw new CallbackRejection('malformed_xml', detail);
}
