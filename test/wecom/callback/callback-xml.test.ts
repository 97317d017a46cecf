import { openCallbackCiphertext } from '../../../src/core/wecom/callback/callback-cipher';
import { parseCallbackEnvelope } from '../../../src/core/wecom/callback/callback-envelope';
import { parseWecomXml } from '../../../src/core/wecom/callback/callback-xml';
import { dedupeKeyOf } from '../../../src/core/wecom/callback/dedupe-key';
import { validateInboundMessage } from '../../../src/core/wecom/callback/inbound-message-schema';
import { OFFICIAL } from '../../support/official-vectors';

const card = (items: string) =>
  `<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>
<CreateTime>1700000000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>
<EventKey><![CDATA[attend]]></EventKey><TaskId><![CDATA[meeting-7-v1]]></TaskId><CardType><![CDATA[button_interaction]]></CardType>
<ResponseCode><![CDATA[RC1]]></ResponseCode><AgentID>1000002</AgentID>${items}</xml>`;

describe('callback XML', () => {
  it('parses the official message into a valid text message with string ids', () => {
    const message = validateInboundMessage(
      parseWecomXml(
        openCallbackCiphertext(OFFICIAL.encodingAesKey, OFFICIAL.message.encrypt, OFFICIAL.corpId),
      ),
    );
    expect(message).toMatchObject({
      MsgType: 'text',
      FromUserName: 'mycreate',
      Content: 'hello',
      MsgId: '4561255354251345929',
      AgentID: '218',
      CreateTime: '1409659813',
    });
    expect(dedupeKeyOf(message)).toBe('app:msg:4561255354251345929');
  });

  it('keeps a base64-like MsgId and an empty CDATA as strings', () => {
    const fields = parseWecomXml(
      '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[u]]></FromUserName><CreateTime>1</CreateTime>' +
        '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]></Content><MsgId><![CDATA[CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==]]></MsgId></xml>',
    );
    const message = validateInboundMessage(fields);
    expect(message).toMatchObject({ Content: '', MsgId: 'CAIQg/PKxgYY2sC9tpuAgAMg9/zKaw==' });
  });

  it('forces arrays for SelectedItem and OptionId whether one or many', () => {
    const one = parseWecomXml(
      card(
        '<SelectedItems><SelectedItem><QuestionKey>q1</QuestionKey><OptionIds><OptionId>o1</OptionId></OptionIds></SelectedItem></SelectedItems>',
      ),
    );
    const many = parseWecomXml(
      card(
        '<SelectedItems><SelectedItem><QuestionKey>q1</QuestionKey><OptionIds><OptionId>o1</OptionId><OptionId>o2</OptionId></OptionIds></SelectedItem>' +
          '<SelectedItem><QuestionKey>q2</QuestionKey><OptionIds><OptionId>o3</OptionId></OptionIds></SelectedItem></SelectedItems>',
      ),
    );
    expect(validateInboundMessage(one)).toMatchObject({
      SelectedItems: { SelectedItem: [{ QuestionKey: 'q1', OptionIds: { OptionId: ['o1'] } }] },
    });
    expect(validateInboundMessage(many)).toMatchObject({
      SelectedItems: {
        SelectedItem: [
          { QuestionKey: 'q1', OptionIds: { OptionId: ['o1', 'o2'] } },
          { QuestionKey: 'q2', OptionIds: { OptionId: ['o3'] } },
        ],
      },
    });
  });

  it('gives two events of the same user and second different dedupe keys', () => {
    const a = validateInboundMessage(parseWecomXml(card('')));
    const b = validateInboundMessage(parseWecomXml(card('').replace('RC1', 'RC2')));
    expect(dedupeKeyOf(a)).not.toBe(dedupeKeyOf(b));
    expect(dedupeKeyOf(a)).toBe(dedupeKeyOf(validateInboundMessage(parseWecomXml(card('')))));
  });

  it('accepts a message type WeCom adds later, keeping its MsgId', () => {
    const message = validateInboundMessage(
      parseWecomXml(
        '<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>hologram</MsgType><MsgId>m1</MsgId></xml>',
      ),
    );
    expect(dedupeKeyOf(message)).toBe('app:msg:m1');
  });

  it.each([
    ['unclosed tags', '<xml><A>1</xml>', 'malformed_xml'],
    [
      'an entity declaration (XXE)',
      '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><A>&e;</A></xml>',
      'malformed_xml',
    ],
    [
      'a DOCTYPE hidden behind a comment holding <![CDATA[',
      '<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "x">]><!-- ]]> --><xml><A>&e;</A></xml>',
      'malformed_xml',
    ],
    [
      'an ENTITY declaration after a CDATA section, inside the root',
      '<xml><A><![CDATA[<!-- ]]><!ENTITY e "x"><B>&e;</B></xml>',
      'malformed_xml',
    ],
    ['an unterminated comment', '<xml><!-- <A>1</A></xml>', 'malformed_xml'],
    ['no root xml element', '<other>1</other>', 'malformed_xml'],
    ['plain text', 'hello', 'malformed_xml'],
  ])('refuses %s', (_label, xml, code) => {
    expect(() => parseWecomXml(xml)).toThrow(code);
  });

  it('keeps declarations inside CDATA and comments as data, and expands no entity', () => {
    expect(
      parseWecomXml(
        '<xml><!-- <!DOCTYPE x> --><A><![CDATA[<!DOCTYPE html><!-- ]]></A><B>&amp;&lt;&#65;</B></xml>',
      ),
    ).toEqual({ A: '<!DOCTYPE html><!-- ', B: '&amp;&lt;&#65;' });
  });

  it('refuses a text message without MsgId, naming the field', () => {
    const fields = parseWecomXml(
      '<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>x</Content></xml>',
    );
    expect(() => validateInboundMessage(fields)).toThrow(/invalid_message: MsgType text: MsgId/);
  });

  it('refuses an envelope without Encrypt', () => {
    expect(() => parseCallbackEnvelope('<xml><ToUserName>ww1</ToUserName></xml>')).toThrow('malformed_xml');
  });
});
