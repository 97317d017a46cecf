import fc from 'fast-check';
import { openCallbackCiphertext, sealCallbackPlaintext } from '../../src/core/wecom/callback/callback-cipher';
import { parseCallbackEnvelope } from '../../src/core/wecom/callback/callback-envelope';
import { CallbackRejection, type RejectionCode } from '../../src/core/wecom/callback/callback-rejection';
import {
  checkCallbackTimestamp,
  signCallback,
  verifyCallbackSignature,
} from '../../src/core/wecom/callback/callback-signature';
import { parseWecomXml } from '../../src/core/wecom/callback/callback-xml';
import { dedupeKeyOf } from '../../src/core/wecom/callback/dedupe-key';
import {
  type InboundMessage,
  validateInboundMessage,
} from '../../src/core/wecom/callback/inbound-message-schema';
import { textMessageXml } from '../../src/sandbox/callback-driver';
import { TEST_CREDENTIALS as C } from '../support/test-service';
import { handmadeCiphertext } from './hostile-support';

const RUNS = { numRuns: 300 };

/** Runs `f`; anything thrown must be a CallbackRejection with one of `codes`. */
function onlyRejects<T>(f: () => T, codes: RejectionCode[]): T | CallbackRejection {
  try {
    return f();
  } catch (error) {
    if (!(error instanceof CallbackRejection)) throw error;
    expect(codes).toContain(error.code);
    expect([400, 403, 413]).toContain(error.status);
    return error;
  }
}

/** Text a WeCom user can type: any code point but lone surrogates (UTF-8 cannot carry those). */
const typed = (maxLength = 200) => fc.string({ unit: 'binary', maxLength });
/** Characters XML 1.0 allows in character data (plus NUL, which the parser drops on purpose). */
const xmlChars = (maxLength = 200) =>
  fc
    .string({ unit: 'binary', maxLength })
    .map((s) => [...s].filter((c) => isXmlChar(c.codePointAt(0)!)).join(''));

function isXmlChar(cp: number): boolean {
  if (cp === 0 || cp === 0x9 || cp === 0xa || cp === 0xd) return true;
  return cp >= 0x20 && cp !== 0xfffe && cp !== 0xffff;
}

/** Fragments an attacker would try, mixed into random text so the parser meets real markup. */
const markup = fc.constantFrom(
  '<xml>',
  '</xml>',
  '<![CDATA[',
  ']]>',
  '<!DOCTYPE x [',
  '<!ENTITY e SYSTEM "file:///etc/passwd">',
  '&e;',
  '&amp;',
  '&#0;',
  '&#x10FFFF;',
  '<?xml version="1.0"?>',
  '<!-- c -->',
  '<a b="c">',
  '</a>',
  '<__proto__>',
  '<constructor>',
  '<Content>',
  '</Content>',
  '<MsgType>text</MsgType>',
  '\u0000',
  '<',
  '>',
  '&',
);
const hostileXml = fc.array(fc.oneof(markup, typed(20)), { maxLength: 40 }).map((parts) => parts.join(''));

describe('parseWecomXml / parseCallbackEnvelope: only malformed_xml, never a crash', () => {
  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(typed(500), hostileXml), (raw) => {
        const out = onlyRejects(() => parseWecomXml(raw), ['malformed_xml']);
        if (!(out instanceof CallbackRejection)) {
          expect(typeof out).toBe('object');
          expect(out).not.toBeNull();
        }
        onlyRejects(() => parseCallbackEnvelope(raw), ['malformed_xml']);
      }),
      { numRuns: 1_000 },
    );
  });

  it('arbitrary bytes decoded as UTF-8 (U+FFFD for the invalid ones)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        onlyRejects(() => parseWecomXml(Buffer.from(bytes).toString('utf8')), ['malformed_xml']);
      }),
      RUNS,
    );
  });

  it('a DOCTYPE or ENTITY outside CDATA is always refused, wherever it sits', () => {
    fc.assert(
      fc.property(
        xmlChars(50),
        fc.constantFrom('<!DOCTYPE xml>', '<!doctype x [<!ENTITY a "b">]>', '<!ENTITY x SYSTEM "http://e/">'),
        fc.nat(3),
        (text, decl, where) => {
          const clean = text.replaceAll(']]>', '');
          const docs = [
            `${decl}<xml><Content>${clean.replace(/[<&]/g, '')}</Content></xml>`,
            `<xml>${decl}<Content><![CDATA[${clean}]]></Content></xml>`,
            `<xml><Content><![CDATA[${clean}]]></Content>${decl}</xml>`,
            `<?xml version="1.0"?>${decl}<xml/>`,
          ];
          const out = onlyRejects(() => parseWecomXml(docs[where]!), ['malformed_xml']);
          expect(out).toBeInstanceOf(CallbackRejection);
        },
      ),
      RUNS,
    );
  });

  it('parses to plain data: no prototype pollution from element names', () => {
    for (const name of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      onlyRejects(
        () => parseWecomXml(`<xml><${name}><polluted>1</polluted></${name}><A>b</A></xml>`),
        ['malformed_xml'],
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('text messages round-trip through XML and the schema', () => {
  it('any typed content (XML-legal characters) comes back as sent, less NUL', () => {
    fc.assert(
      fc.property(
        xmlChars(300),
        fc.stringMatching(/^[A-Za-z0-9_.@-]{1,64}$/),
        fc.stringMatching(/^[A-Za-z0-9+/=]{1,64}$/),
        (content, fromUser, msgId) => {
          const xml = textMessageXml(C, { fromUser, content, msgId, createTime: 1_700_000_000 });
          const message = validateInboundMessage(parseWecomXml(xml));
          expect(message).toMatchObject({
            MsgType: 'text',
            ToUserName: C.corpId,
            FromUserName: fromUser,
            MsgId: msgId,
            CreateTime: '1700000000',
          });
          // fast-xml-parser trims values (trimValues); CRLF is XML-normalised to LF.
          const expected = content.replaceAll('\u0000', '').replace(/\r\n?/g, '\n').trim();
          expect((message as { Content: string }).Content.replace(/\r\n?/g, '\n').trim()).toBe(expected);
        },
      ),
      RUNS,
    );
  });
});

describe('validateInboundMessage: only invalid_message for arbitrary field sets', () => {
  const field = fc.constantFrom(
    'ToUserName',
    'FromUserName',
    'CreateTime',
    'MsgType',
    'MsgId',
    'Content',
    'AgentID',
    'Event',
    'EventKey',
    'TaskId',
    'MediaId',
    'ResponseCode',
    'SelectedItems',
    '__proto__',
    'constructor',
  );
  const value = fc.oneof(
    typed(40),
    fc.constantFrom('text', 'event', 'image', 'location', 'shortvideo', '1700000000', ''),
    fc.anything({ maxDepth: 2 }),
    fc.constant('长'.repeat(20_001)),
  );
  it('arbitrary records', () => {
    fc.assert(
      fc.property(fc.dictionary(field, value, { maxKeys: 12 }), (fields) => {
        const out = onlyRejects(() => validateInboundMessage(fields), ['invalid_message']);
        if (!(out instanceof CallbackRejection)) {
          expect(typeof out.MsgType).toBe('string');
          expect(typeof out.CreateTime).toBe('string');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary JSON objects (what the XML parser can hand it)', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 3 }), (value) => {
        onlyRejects(() => validateInboundMessage(value), ['invalid_message']);
      }),
      RUNS,
    );
  });

  it('the rejection detail never echoes a field value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^SECRET[a-z]{8}$/), (secret) => {
        const out = onlyRejects(
          () =>
            validateInboundMessage({
              ToUserName: C.corpId,
              FromUserName: 'u',
              CreateTime: secret,
              MsgType: 'text',
              Content: secret,
              MsgId: '1',
            }),
          ['invalid_message'],
        );
        expect(out).toBeInstanceOf(CallbackRejection);
        expect((out as CallbackRejection).detail).not.toContain(secret);
      }),
      { numRuns: 50 },
    );
  });
});

const frame = (message: Buffer, receiveId: Buffer, declaredLength?: number) =>
  handmadeCiphertext(C.encodingAesKey, message, receiveId, declaredLength);

describe('openCallbackCiphertext: only undecryptable / foreign_receiver', () => {
  const codes: RejectionCode[] = ['undecryptable', 'foreign_receiver'];

  it('arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(typed(300), fc.base64String({ maxLength: 400 })), (text) => {
        const out = onlyRejects(() => openCallbackCiphertext(C.encodingAesKey, text, C.corpId), codes);
        expect(out).toBeInstanceOf(CallbackRejection);
      }),
      RUNS,
    );
  });

  it('arbitrary bytes, base64-encoded (random blocks)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        onlyRejects(
          () => openCallbackCiphertext(C.encodingAesKey, Buffer.from(bytes).toString('base64'), C.corpId),
          codes,
        );
      }),
      RUNS,
    );
  });

  it('well-padded frames with arbitrary message bytes, lengths and receive ids', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.oneof(fc.constant(C.corpId), fc.string({ maxLength: 30 })),
        fc.option(fc.nat(), { nil: undefined }),
        (message, receiveId, declared) => {
          const ct = frame(Buffer.from(message), Buffer.from(receiveId, 'utf8'), declared);
          const out = onlyRejects(() => openCallbackCiphertext(C.encodingAesKey, ct, C.corpId), codes);
          if (!(out instanceof CallbackRejection)) {
            // Accepted only when it is exactly our frame of valid UTF-8.
            expect(receiveId).toBe(C.corpId);
            expect(declared === undefined || declared === message.length).toBe(true);
            expect(Buffer.from(out, 'utf8').equals(Buffer.from(message))).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('invalid UTF-8 in the plaintext is undecryptable', () => {
    for (const bad of [
      [0xff],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    ]) {
      const ct = frame(
        Buffer.concat([Buffer.from('<xml>'), Buffer.from(bad), Buffer.from('</xml>')]),
        Buffer.from(C.corpId),
      );
      const out = onlyRejects(() => openCallbackCiphertext(C.encodingAesKey, ct, C.corpId), codes);
      expect(out).toMatchObject({ code: 'undecryptable' });
    }
  });

  it('seal → open round-trips any text for our receive id, and refuses it for another', () => {
    fc.assert(
      fc.property(typed(500), fc.stringMatching(/^ww[a-z0-9]{1,20}$/), (text, other) => {
        const sealed = sealCallbackPlaintext(C.encodingAesKey, text, C.corpId);
        expect(openCallbackCiphertext(C.encodingAesKey, sealed, C.corpId)).toBe(text);
        if (other !== C.corpId) {
          const foreign = sealCallbackPlaintext(C.encodingAesKey, text, other);
          expect(
            onlyRejects(() => openCallbackCiphertext(C.encodingAesKey, foreign, C.corpId), codes),
          ).toMatchObject({ code: 'foreign_receiver' });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a flipped bit anywhere is refused or opens to something else than a frame for us', () => {
    fc.assert(
      fc.property(typed(80), fc.nat(), fc.integer({ min: 0, max: 7 }), (text, at, bit) => {
        const raw = Buffer.from(sealCallbackPlaintext(C.encodingAesKey, text, C.corpId), 'base64');
        raw[at % raw.length]! ^= 1 << bit;
        onlyRejects(() => openCallbackCiphertext(C.encodingAesKey, raw.toString('base64'), C.corpId), codes);
      }),
      RUNS,
    );
  });
});

describe('signatures and timestamps', () => {
  const query = fc.record({
    msg_signature: typed(60),
    timestamp: typed(20),
    nonce: typed(40),
  });

  it('arbitrary queries are refused with bad_signature, never a crash', () => {
    fc.assert(
      fc.property(query, typed(100), (q, encrypted) => {
        const out = onlyRejects(() => verifyCallbackSignature(C.token, q, encrypted), ['bad_signature']);
        expect(out).toBeInstanceOf(CallbackRejection);
      }),
      RUNS,
    );
  });

  it('a correct signature verifies (any case); a changed input does not', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{1,12}$/),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.base64String({ minLength: 4, maxLength: 100 }),
        (timestamp, nonce, encrypted) => {
          const sig = signCallback(C.token, timestamp, nonce, encrypted);
          expect(sig).toMatch(/^[0-9a-f]{40}$/);
          verifyCallbackSignature(C.token, { msg_signature: sig, timestamp, nonce }, encrypted);
          verifyCallbackSignature(C.token, { msg_signature: sig.toUpperCase(), timestamp, nonce }, encrypted);
          expect(
            onlyRejects(
              () =>
                verifyCallbackSignature(C.token, { msg_signature: sig, timestamp, nonce }, `${encrypted}A`),
              ['bad_signature'],
            ),
          ).toBeInstanceOf(CallbackRejection);
          expect(
            onlyRejects(
              () =>
                verifyCallbackSignature('OtherToken', { msg_signature: sig, timestamp, nonce }, encrypted),
              ['bad_signature'],
            ),
          ).toBeInstanceOf(CallbackRejection);
        },
      ),
      RUNS,
    );
  });

  it('timestamps: arbitrary text passes only when it is a number within the window', () => {
    const now = new Date('2026-12-01T01:00:00Z');
    const nowSec = Math.floor(now.getTime() / 1000);
    fc.assert(
      fc.property(
        fc.oneof(
          typed(20),
          fc.integer({ min: -1_000, max: 1_000 }).map((d) => String(nowSec + d)),
        ),
        (timestamp) => {
          const out = onlyRejects(() => checkCallbackTimestamp(timestamp, now, 300), ['stale_timestamp']);
          if (!(out instanceof CallbackRejection))
            expect(Math.abs(Number(timestamp) - nowSec)).toBeLessThanOrEqual(300);
        },
      ),
      RUNS,
    );
  });
});

describe('dedupeKeyOf', () => {
  const id = fc.string({ minLength: 1, maxLength: 256 });
  const event = fc.record(
    {
      ToUserName: fc.constant(C.corpId),
      FromUserName: id,
      CreateTime: fc.stringMatching(/^\d{1,12}$/),
      MsgType: fc.constant('event'),
      Event: fc.string({ minLength: 1, maxLength: 64 }),
      EventKey: fc.string({ maxLength: 1024 }),
      TaskId: fc.string({ maxLength: 128 }),
      ResponseCode: fc.string({ maxLength: 512 }),
      ChangeType: fc.string({ maxLength: 20 }),
      UserID: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['ToUserName', 'CreateTime', 'MsgType', 'Event'] },
  );

  it('any valid event gets a stable key, independent of field order; any changed field changes it', () => {
    fc.assert(
      fc.property(
        event,
        fc.constantFrom('EventKey', 'ChangeType', 'UserID', 'TaskId'),
        fc.string(),
        (e, f, v) => {
          const message = validateInboundMessage(e);
          const key = dedupeKeyOf(message);
          expect(key.startsWith('app:evt:')).toBe(true);
          const reversed = Object.fromEntries(Object.entries(e).reverse());
          expect(dedupeKeyOf(validateInboundMessage(reversed))).toBe(key);
          const changed = { ...e, [f]: v };
          if (changed[f as keyof typeof changed] !== e[f as keyof typeof e]) {
            expect(dedupeKeyOf(validateInboundMessage(changed))).not.toBe(key);
          }
        },
      ),
      RUNS,
    );
  });

  it('messages are keyed by MsgId alone: a redelivery with the same MsgId collides', () => {
    fc.assert(
      fc.property(id, typed(50), typed(50), (msgId, a, b) => {
        const m = (content: string) =>
          validateInboundMessage({
            ToUserName: C.corpId,
            FromUserName: 'u',
            CreateTime: '1',
            MsgType: 'text',
            Content: content,
            MsgId: msgId,
          }) as InboundMessage;
        expect(dedupeKeyOf(m(a))).toBe(dedupeKeyOf(m(b)));
        expect(dedupeKeyOf(m(a))).toBe(`app:msg:${msgId}`);
      }),
      RUNS,
    );
  });
});
