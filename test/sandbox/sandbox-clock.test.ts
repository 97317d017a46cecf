import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAdvance } from '../../src/sandbox/chat-client';
import { FakeWecomServer } from '../../src/sandbox/fake-wecom-server';
import { SandboxClock } from '../../src/sandbox/sandbox-clock';

const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-clock-'));
const real = () => new Date('2026-12-03T01:00:00Z');

describe('the sandbox clock the operator moves', () => {
  it('moves forward, never back, tells its listeners and survives a restart', () => {
    const dataDir = dir();
    const clock = new SandboxClock(dataDir, real);
    let told = 0;
    clock.onAdvance(() => {
      told += 1;
    });
    expect(clock.advance(2 * 86_400_000).toISOString()).toBe('2026-12-05T01:00:00.000Z');
    expect(clock.advance(-86_400_000).toISOString()).toBe('2026-12-05T01:00:00.000Z');
    expect(told).toBe(2);
    expect(new SandboxClock(dataDir, real).now().toISOString()).toBe('2026-12-05T01:00:00.000Z');
  });

  it('the fake WeCom moves it on request in the sandbox, and refuses where there is no control', async () => {
    const clock = new SandboxClock(dir(), real);
    const controlled = new FakeWecomServer({
      corpId: 'c',
      secret: 's',
      agentId: '1',
      now: clock.now,
      clockControl: clock,
    });
    const plain = new FakeWecomServer({ corpId: 'c', secret: 's', agentId: '1', now: real });
    const [a, b] = [await controlled.listen(0), await plain.listen(0)];
    try {
      const post = (url: string, body: unknown) =>
        fetch(`${url}/sandbox/clock`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
      expect(await post(a, { advance_ms: 3_600_000 })).toMatchObject({
        errcode: 0,
        now: '2026-12-03T02:00:00.000Z',
      });
      expect(await fetch(`${a}/sandbox/clock`).then((r) => r.json())).toMatchObject({
        now: '2026-12-03T02:00:00.000Z',
      });
      expect(await post(a, { advance_ms: -5 })).toMatchObject({ errcode: expect.any(Number) });
      expect(await post(b, { advance_ms: 3_600_000 })).toMatchObject({ errcode: 60020 });
    } finally {
      await controlled.close();
      await plain.close();
    }
  });

  it.each([
    ['+2d', 172_800_000],
    ['3h', 10_800_000],
    ['+30m', 1_800_000],
    ['-1d', undefined],
    ['+0d', undefined],
    ['soon', undefined],
  ])('/clock %s moves %s ms', (text, ms) => {
    expect(parseAdvance(text)).toBe(ms);
  });
});
