import { parseCallbackEnvelope } from '../../../src/core/wecom/callback/callback-envelope';
import { sealCallback, textMessageXml } from '../../../src/sandbox/callback-driver';
import { OFFICIAL } from '../../support/official-vectors';
import { TEST_CREDENTIALS as C } from '../../support/test-service';

describe('the callback envelope, read before the signature', () => {
  it('reads what WeCom and our driver send: CDATA or text, whitespace, a declaration', () => {
    const sealed = sealCallback(C, textMessageXml(C, { fromUser: 'u', content: 'hi', msgId: 'm1' }));
    expect(parseCallbackEnvelope(sealed.body)).toEqual({
      ToUserName: C.corpId,
      AgentID: C.agentId,
      Encrypt: expect.any(String),
    });
    const spaced = `<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <ToUserName><![CDATA[ww1]]></ToUserName>\n  <Encrypt>${OFFICIAL.message.encrypt}</Encrypt>\n  <AgentID>218</AgentID>\n</xml>\n`;
    expect(parseCallbackEnvelope(spaced)).toEqual({
      ToUserName: 'ww1',
      AgentID: '218',
      Encrypt: OFFICIAL.message.encrypt,
    });
  });

  it.each([
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['an empty Encrypt', '<xml><Encrypt></Encrypt></xml>'],
    ['two Encrypt elements', '<xml><Encrypt>QUJD</Encrypt><Encrypt>REVG</Encrypt></xml>'],
    ['a DOCTYPE', '<!DOCTYPE xml [<!ENTITY e "QUJD">]><xml><Encrypt>&e;</Encrypt></xml>'],
    [
      'a DOCTYPE hidden behind a comment holding <![CDATA[',
      '<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "QUJD">]><!-- ]]> --><xml><Encrypt>&e;</Encrypt></xml>',
    ],
    ['a comment inside', '<xml><!-- x --><Encrypt>QUJD</Encrypt></xml>'],
    ['an entity reference', '<xml><Encrypt>QU&amp;JD</Encrypt></xml>'],
    ['an attribute', '<xml><Encrypt a="1">QUJD</Encrypt></xml>'],
    ['nesting', '<xml><Encrypt><b>QUJD</b></Encrypt></xml>'],
    ['a mismatched end tag', '<xml><Encrypt>QUJD</Other></xml>'],
    ['content after the root', '<xml><Encrypt>QUJD</Encrypt></xml><xml/>'],
    ['an unterminated CDATA', '<xml><Encrypt><![CDATA[QUJD</Encrypt></xml>'],
    ['the crafted body of the attack test', `<xml>${'<![CDATA['.repeat(7100)}`],
    ['nine children', `<xml>${'<A>1</A>'.repeat(8)}<Encrypt>QUJD</Encrypt></xml>`],
    ['not XML', 'Encrypt=QUJD'],
    ['nothing', ''],
  ])('refuses %s', (_label, body) => {
    expect(() => parseCallbackEnvelope(body)).toThrow('malformed_xml');
  });

  it('does work linear in the body size for crafted bodies (8 KB against 64 KB, generously)', () => {
    const shapes: [string, (bytes: number) => string][] = [
      ['repeated CDATA openings', (n) => `<xml>${'<![CDATA['.repeat(Math.floor(n / 9))}`],
      ['an unterminated CDATA value', (n) => `<xml><Encrypt><![CDATA[${'A'.repeat(n)}`],
      ['an unterminated text value', (n) => `<xml><Encrypt>${'A'.repeat(n)}`],
      ['whitespace without end', (n) => `<xml>${' '.repeat(n)}`],
      ['a CDATA value full of near-terminators', (n) => `<xml><Encrypt><![CDATA[${']]'.repeat(n / 2)}`],
      ['many short elements', (n) => `<xml>${'<A></A>'.repeat(Math.floor(n / 7))}`],
      ['a long name', (n) => `<xml><${'A'.repeat(n)}>`],
      ['a long declaration', (n) => `<?xml ${'v'.repeat(n)}`],
    ];
    const ratios = shapes.map(([name, make]) => {
      const small = make(8 * 1024);
      const large = make(64 * 1024);
      return { name, ratio: bestTime(large) / bestTime(small) };
    });
    // Linear work gives about 8 (or less: most shapes are refused early); quadratic gives 64.
    expect(ratios.filter((r) => !(r.ratio < 24))).toEqual([]);
  });
});

/**
 * The fastest of many single calls: noise (other processes on a shared machine) only ever adds
 * time, and one call (well under a millisecond here) is short enough to run unpreempted.
 */
function bestTime(body: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let call = 0; call < 300; call++) {
    const started = process.hrtime.bigint();
    try {
      parseCallbackEnvelope(body);
    } catch {
      // Refused, as expected: the time to refuse is what is measured.
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started));
  }
  return best;
}
