import { WecomApiError } from '../../../src/core/wecom/api/api-error';

describe('WeCom API errors', () => {
  it.each([
    [-1, 'transient'],
    [45009, 'transient'],
    [45033, 'transient'],
    [40014, 'token'],
    [42001, 'token'],
    [40001, 'permanent'],
    [81013, 'permanent'],
    [60020, 'permanent'],
    [301002, 'permanent'],
  ])('classifies errcode %i as %s', (errcode, kind) => {
    expect(new WecomApiError('/cgi-bin/message/send', errcode, 'x').kind).toBe(kind);
  });

  it('treats connection failures (no errcode) as transient', () => {
    expect(new WecomApiError('/x', undefined, 'timeout').kind).toBe('transient');
  });

  it('names the code, its meaning and the caller IP of a 60020', () => {
    const error = new WecomApiError(
      '/cgi-bin/message/send',
      60020,
      'not allow to access from your ip, from ip: 203.0.113.9',
    );
    expect(error.fromIp).toBe('203.0.113.9');
    expect(error.message).toBe(
      '/cgi-bin/message/send: 60020 server IP not in the app’s trusted IPs (企业可信IP) (from ip 203.0.113.9)',
    );
  });
});
