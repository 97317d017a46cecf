import { scrubText } from '../../src/core/privacy/mask';
import { captureLogs } from '../support/log-capture';

describe('logs never carry ID numbers or phones', () => {
  it('masks ID numbers and mobile numbers in messages and nested fields', () => {
    const { log, text } = captureLogs();
    log.info(
      {
        content: '我的身份证号是22028219800101123X，电话13912345678',
        nested: { note: 'tel +86 139-1234-5678' },
      },
      'user wrote 220282198001011234',
    );
    log.error({ err: new Error('bad id 22028219800101123x') }, 'failed');
    const out = text();
    expect(out).not.toMatch(/22028219800101123[0-9Xx]|220282198001011234|13912345678|139-1234-5678/);
    expect(out).toContain('[id-number]');
    expect(out).toContain('[phone]');
  });

  it('redacts sensitive keys whatever their value', () => {
    const { log, text } = captureLogs();
    log.info(
      { idNumber: 'abc', phone: 'def', Encrypt: 'cipher', secret: 's3cr3t', req: { echostr: 'e' } },
      'x',
    );
    expect(text()).not.toMatch(/abc|def|cipher|s3cr3t|"e"/);
  });

  it('leaves longer numbers such as MsgIds and timestamps alone', () => {
    expect(scrubText('MsgId 4561255354251345929 at 1409659813')).toBe(
      'MsgId 4561255354251345929 at 1409659813',
    );
  });
});
