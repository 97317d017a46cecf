import fc from 'fast-check';
import { readFlowCommand } from '../../src/core/bot/flow-commands';
import { dibaoAnswers, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { startTestService, type TestService } from '../support/test-service';

let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
});
afterAll(async () => {
  await svc.stop();
});

/** Random strings a resident may send; words that deliberately steer the chat are left out. */
const STEERING = /^(菜单|帮助|目录|功能|menu|help|进度|转人工|人工|人工客服|测一测|我要申请|申请)$/i;
const hint = fc.constantFrom(
  '是',
  '否',
  '无',
  '1',
  '2',
  '0',
  '12',
  '1200',
  '元',
  '工资',
  '，',
  ' ',
  '红旗村',
  '平安镇',
  '张',
  'X',
  '{{constructor}}',
  "'; drop table cases;--",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the hostile input
  '${process.exit()}',
  '\u202e',
  '\u0000',
  '😀',
  '１２３',
);
const noise = fc
  .oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.array(hint, { minLength: 1, maxLength: 6 }).map((p) => p.join('')),
    fc.constant('申'.repeat(3_000)),
  )
  .filter((s) => {
    const word = s.replaceAll('\u0000', '').trim();
    return (
      readFlowCommand(word, undefined) === undefined && !STEERING.test(word.replace(/[\s。.!！?？]/g, ''))
    );
  });

const SUMMARY_PARTS = [
  '低保',
  '张伟',
  '220283********0016',
  '139****1234',
  '平安镇 红旗村',
  '李娜（妻子',
  '共1500元',
  '存款：5000元',
  '机动车：无',
  '住房：1套',
  '重特大疾病',
];

let run = 0;

describe('random strings in the middle of an application', () => {
  it('each gets a correction or the next question, and the summary keeps every earlier answer', async () => {
    const path = dibaoAnswers(IDS.a, IDS.b);
    await fc.assert(
      fc.asyncProperty(
        // 30 random messages, each placed before one of the questions 1..16.
        fc.array(fc.tuple(fc.integer({ min: 1, max: path.length - 1 }), noise), {
          minLength: 30,
          maxLength: 30,
        }),
        async (placed) => {
          const chat = new ChatDriver(svc, 'app', clock);
          const user = `fuzz-applicant-${run++}`;
          expect((await chat.say(user, path[0]![0])).join('\n')).toMatch(path[0]![1]);
          for (let i = 1; i < path.length; i++) {
            const question = path[i - 1]![1];
            for (const [, junk] of placed.filter(([at]) => at === i)) {
              const reply = (await chat.say(user, junk)).join('\n');
              expect(reply).not.toMatch(/\[object |undefined|NaN|出错|异常/);
              if (reply.includes('已填写的内容不会丢失')) {
                // A correction: the same question again.
                expect({ step: i, junk, reply }).toEqual({
                  step: i,
                  junk,
                  reply: expect.stringMatching(question),
                });
              } else {
                // The junk happened to be a valid answer: the chat moved on. 返回 brings the question back.
                expect({ step: i, junk, reply }).toEqual({
                  step: i,
                  junk,
                  reply: expect.stringMatching(/[？?：:]|请/),
                });
                expect((await chat.say(user, '返回')).join('\n')).toMatch(question);
              }
            }
            expect((await chat.say(user, path[i]![0])).join('\n')).toMatch(path[i]![1]);
          }
          const summary = chat.received(user).slice(-2).join('\n');
          for (const part of SUMMARY_PARTS)
            expect({ part, summary }).toEqual({ part, summary: expect.stringContaining(part) });
          await chat.say(user, '取消');
        },
      ),
      { numRuns: Number(process.env.FUZZ_CHAT_RUNS ?? 1), endOnFailure: true },
    );
  }, 120_000);
});
