import { ChatInput, type InputStep } from '../../src/sandbox/chat-input';

/** Every line typed, and what the chat makes of each. */
function typed(...lines: string[]): InputStep[] {
  const input = new ChatInput();
  return lines.map((line) => input.push(line));
}

describe('lines typed into npm run chat', () => {
  it('sends a line as it is, and takes commands as commands', () => {
    expect(typed('  帮助 ', '/clock +2d', '')).toEqual([
      { kind: 'line', text: '帮助' },
      { kind: 'line', text: '/clock +2d' },
      { kind: 'line', text: '' },
    ]);
  });

  it('goes on typing the same message after a line ending in a backslash', () => {
    expect(typed('张三 父亲 \\', '李四 母亲\\', '张小明 儿子', '下一条')).toEqual([
      { kind: 'more', block: false, started: true },
      { kind: 'more', block: false, started: false },
      { kind: 'message', text: '张三 父亲\n李四 母亲\n张小明 儿子' },
      { kind: 'line', text: '下一条' },
    ]);
  });

  it('takes the lines between /multi and /end as one message, commands included', () => {
    const input = new ChatInput();
    expect(input.push('/multi')).toEqual({ kind: 'more', block: true, started: true });
    expect(input.gathering).toBe(true);
    for (const line of ['', '户口簿', '/photo is a word here', '身份证\\', ''])
      expect(input.push(line)).toEqual({ kind: 'more', block: true, started: false });
    expect(input.push(' /end ')).toEqual({
      kind: 'message',
      text: '户口簿\n/photo is a word here\n身份证\\',
    });
    expect(input.gathering).toBe(false);
  });

  it('drops a message on /cancel or when nothing was typed, and never continues a command', () => {
    expect(typed('/multi', '户口簿', '/cancel', 'x')).toEqual([
      { kind: 'more', block: true, started: true },
      { kind: 'more', block: true, started: false },
      { kind: 'dropped' },
      { kind: 'line', text: 'x' },
    ]);
    expect(typed('/multi', '  ', '/end')).toEqual([
      { kind: 'more', block: true, started: true },
      { kind: 'more', block: true, started: false },
      { kind: 'dropped' },
    ]);
    expect(typed('a \\', '/cancel')).toEqual([
      { kind: 'more', block: false, started: true },
      { kind: 'dropped' },
    ]);
    expect(typed('/photo C:\\scans\\')).toEqual([{ kind: 'line', text: '/photo C:\\scans\\' }]);
  });
});
