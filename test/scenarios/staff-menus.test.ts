import { applyInChat, IDS } from '../support/application-answers';
import { ChatDriver, testClock } from '../support/chat-driver';
import { seedStaff } from '../support/staff-seed';
import { startTestService, type TestService } from '../support/test-service';

// Issue 15, D12 and "staff commands are undiscoverable": 帮助/菜单 per role, commands typed with
// punctuation or full-width characters, a step name typed alone.
let svc: TestService;
const clock = testClock(new Date('2026-12-01T01:00:00Z'));
let chat: ChatDriver;
let caseId: string;

beforeAll(async () => {
  svc = await startTestService({ now: clock.now });
  await seedStaff(svc, [
    { userId: 'cw-menu', role: 'township_caseworker', townshipId: 'pingan' },
    { userId: 'vc-menu', role: 'village_committee', townshipId: 'pingan' },
    { userId: 'gm-menu', role: 'coordination_member', townshipId: 'pingan' },
    { userId: 'sup-menu', role: 'bureau_supervisor', townshipId: null },
  ]);
  chat = new ChatDriver(svc, 'app', clock);
  caseId = await applyInChat(new ChatDriver(svc, 'kf', clock), 'kf-menu-resident', IDS.a, IDS.b);
});
afterAll(async () => {
  await svc.stop();
});

const say = async (user: string, text: string) => (await chat.say(user, text)).join('\n');

describe('staff see their own commands', () => {
  it.each([
    ['cw-menu', '菜单', '乡镇经办人可用的指令'],
    ['cw-menu', '帮助', '待办 ——'],
    ['vc-menu', '菜单', '代为提交'],
    ['gm-menu', '帮助。', '评审合议会邀请'],
    ['sup-menu', '菜单', '市民政局可用的指令'],
  ])('%s typing %s gets %s, not the resident menu', async (user, word, expected) => {
    const menu = await say(user, word);
    expect(menu).toContain(expected);
    expect(menu).not.toContain('测一测');
  });

  it('after cancelling a step, 菜单 still shows the staff menu (D12)', async () => {
    expect(await say('cw-menu', `不予受理 ${caseId}`)).toContain('不予受理的理由');
    // Cancelling a step used to fail three times (its flow had no name) and apologise.
    expect(await say('cw-menu', '取消')).toContain('案件步骤办理');
    const menu = await say('cw-menu', '菜单');
    expect(menu).toContain('乡镇经办人可用的指令');
    expect(menu).not.toContain('测一测');
  });

  it('understands commands typed with a full stop or full-width characters', async () => {
    expect(await say('cw-menu', '待办。')).toContain(caseId);
    expect(
      await say(
        'cw-menu',
        `案件　${caseId.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`,
      ),
    ).toContain('可以办理的步骤');
  });

  it('a step name typed alone asks for the case number instead of answering a policy question', async () => {
    const answer = await say('cw-menu', '受理');
    expect(answer).toContain('要写上案件编号');
    expect(answer).not.toContain('依据：');
  });
});
