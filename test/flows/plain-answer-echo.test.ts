import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

/**
 * Issue 15 item 7: plain answers from elderly residents are accepted where the meaning is clear,
 * and what was understood is said back before the next question (一口人 → 1 人, 大概五千块 → 5000
 * 元, 一套 → 1 套); a plain number is not echoed.
 */
let svc: TestService;
const clock = testClock(new Date('2026-12-03T01:00:00Z'));

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
}, 60_000);
afterAll(async () => {
  await svc.stop();
});

describe.each([
  ['kf', IDS.a, IDS.b],
  ['app', IDS.c, IDS.d],
] as const)('answers in words are said back (%s)', (channel, applicantId, spouseId) => {
  it('reads 一口人, 大概五千块 and 一套 and says what it understood; digits go straight on', async () => {
    const chat = new ChatDriver(svc, channel, clock);
    const user = `${channel}-plain-1`;
    const words: Record<string, string> = { '1': '一口人', '5000': '大概五千块', 否: '否' };
    let stage = 0;
    for (const [answer, next] of dibaoAnswers(applicantId, spouseId)) {
      stage += 1;
      // The household count (after 是 to living at the registered address), savings and housing.
      const typed =
        stage === 9 ? words['1']! : stage === 12 ? words['5000']! : stage === 14 ? '一套' : answer;
      const reply = (await chat.say(user, typed)).join('\n');
      expect(reply).toMatch(next);
      if (stage === 9) expect(reply).toContain('好的，记为 1 人（除您本人以外）');
      if (stage === 12) expect(reply).toContain('好的，记为 5000 元');
      if (stage === 14) expect(reply).toContain('好的，记为 1 套');
      if (stage === 11) expect(reply).not.toContain('好的，记为');
    }
    expect((await chat.say(user, '确认')).join('\n')).toMatch(/SQ\d{14}/);
  }, 90_000);
});
