import {
  adjustedCase,
  confidentialCase,
  rejectedCase,
  SAMPLE_ISSUE,
  sampleCase,
  stoppedCase,
  temporaryAidCase,
} from '../../../scripts/documents/sample-case';
import { MATERIALS } from '../../../src/domain/materials/catalogue-items';
import {
  DOCUMENT_KINDS,
  type DocumentCaseInput,
  type DocumentKind,
  type DocumentOutcome,
  type GeneratedDocument,
  renderDocument,
} from '../../../src/features/documents';
import { extractText, flat, renderPage1 } from './pdf-inspect';

/** Renders and reads back every document of the fictitious case (and its variants) once. */
const CASES: Record<string, [DocumentKind, DocumentCaseInput]> = {
  application: ['application', sampleCase()],
  authorisation: ['authorisation', sampleCase()],
  near_relative_filing: ['near_relative_filing', sampleCase()],
  materials_notice: ['materials_notice', sampleCase()],
  acceptance_notice: ['acceptance_notice', sampleCase()],
  home_visit: ['home_visit', sampleCase()],
  home_visit_blank: ['home_visit', { ...sampleCase(), homeVisit: undefined }],
  appraisal_skipped: ['appraisal_record', sampleCase()],
  appraisal_held: [
    'appraisal_record',
    {
      ...sampleCase(),
      appraisal: {
        held: true,
        heldOn: '2026-11-15',
        place: '王家村村委会',
        host: '陈志',
        participants: [
          { name: '陈志', identity: '村党支部书记' },
          { name: '马桂香', identity: '村民代表' },
        ],
        conclusion: '同意纳入',
      },
    },
  ],
  publicity: ['publicity', sampleCase()],
  meeting_minutes: ['meeting_minutes', sampleCase()],
  temporary_aid_approval: ['temporary_aid_approval', temporaryAidCase()],
  approval_notice: ['approval_notice', sampleCase()],
  rejection_notice: ['rejection_notice', rejectedCase()],
  change_adjust: ['change_notice', adjustedCase()],
  change_stop: ['change_notice', stoppedCase()],
  subdistrict_approval: [
    'approval_notice',
    { ...sampleCase(), township: { name: '北城街道', kind: 'subdistrict' }, village: '北城街道长安社区' },
  ],
};

const generated: Record<string, GeneratedDocument> = {};
let text: Record<string, string> = {};

function rendered(outcome: DocumentOutcome): GeneratedDocument {
  if (outcome.kind !== 'rendered') throw new Error(`refused: ${outcome.refusal.detail}`);
  return outcome.document;
}

beforeAll(async () => {
  for (const [name, [kind, kase]] of Object.entries(CASES)) {
    generated[name] = rendered(await renderDocument(kind, kase, SAMPLE_ISSUE));
  }
  const pages = extractText(Object.fromEntries(Object.entries(generated).map(([n, d]) => [n, d.bytes])));
  text = Object.fromEntries(Object.entries(pages).map(([n, p]) => [n, flat(p)]));
  // Page 1 of each for a reviewer (skipped without poppler's pdftoppm).
  for (const [name, doc] of Object.entries(generated)) renderPage1(name, doc.bytes);
}, 120_000);

test('every kind has a sample here, and each is a small A4 PDF with its template id and version', () => {
  for (const kind of DOCUMENT_KINDS) expect(Object.values(CASES).some(([k]) => k === kind)).toBe(true);
  for (const doc of Object.values(generated)) {
    expect(doc.templateId).toMatch(/^document\./);
    expect(doc.templateVersion).toBeGreaterThanOrEqual(1);
    expect(doc.bytes.length).toBeLessThan(300 * 1024);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
  }
});

test('申请书: household, full ID numbers, income in yuan, a signature line for the applicant and each adult', () => {
  const t = text.application!;
  expect(t).toContain('最低生活保障申请书');
  expect(t).toContain('编号：PA-2026-0117');
  for (const id of ['220283196803140526', '22028319700822061X', '220283201205060319'])
    expect(t).toContain(id);
  expect(t).toContain('1,050.00元');
  expect(t).toContain('262.50元');
  expect(t).toContain('3,000.00元');
  expect(t).toContain('申请日期：2026年11月2日');
  expect(t).toContain('申请人（签名）');
  expect(t).toContain('家庭成员李建国（配偶）（签名）');
  expect(t).toContain('家庭成员李秀英（女儿）（签名）');
  // A minor does not sign.
  expect(t).not.toContain('家庭成员李小明');
});

test('授权书: every member with the full ID number, addressed to the township government', () => {
  const t = text.authorisation!;
  expect(t).toContain('家庭经济状况核对授权书');
  expect(t).toContain('平安镇人民政府：');
  for (const id of ['220283196803140526', '220283199909170428', '220283201205060319'])
    expect(t).toContain(id);
});

test('入户调查表: ID masked, at least two investigators who sign, the family members present', () => {
  const t = text.home_visit!;
  expect(t).toContain('220283********0526');
  expect(t).not.toContain('220283196803140526');
  expect(t).toContain('调查人1：王建华民政办经办人员（签名）');
  expect(t).toContain('调查人2：刘淑芬民政办工作人员（签名）');
  expect(t).toContain('在场家庭成员：张桂兰（签名）');
  expect(t).toContain('2026年11月12日');
  const blank = text.home_visit_blank!;
  expect(blank).toContain('调查人1（签名）');
  expect(blank).toContain('调查人2（签名）');
  expect(blank.match(/在场家庭成员（签名）/g)?.length).toBe(2);
});

test('公示: name, household size, program, amount, dates, where to object, supervision phone — and nothing else', () => {
  const t = text.publicity!;
  expect(t).toContain('张桂兰');
  expect(t).toContain('4人');
  expect(t).toContain('低保');
  expect(t).toContain('每月960.00元');
  expect(t).toContain('公示期：2026年11月18日至2026年11月24日（共7天）');
  expect(t).toContain('平安镇人民政府');
  expect(t).toContain('监督电话：0432-68200000');
  // Never an ID number (whole or masked), the applicant's phone, the address, income or members.
  for (const secret of ['220283', '0526', '***', '13904321234', '三组', '1,050.00', '李建国', '慢性病']) {
    expect(t).not.toContain(secret);
  }
});

test('an HIV-tagged case never produces a 公示, appraisal or meeting record: a typed refusal', async () => {
  for (const kind of ['publicity', 'appraisal_record', 'meeting_minutes'] as const) {
    const outcome = await renderDocument(kind, confidentialCase(), SAMPLE_ISSUE);
    expect(outcome).toEqual({
      kind: 'refused',
      refusal: expect.objectContaining({ kind, code: 'confidential_case' }),
    });
  }
});

test('评审合议会会议记录: at least 5 attendees with roles, each case decided, signature lines', async () => {
  const t = text.meeting_minutes!;
  expect(t).toContain('参会人员（共6人）');
  for (const name of ['赵志刚', '孙丽', '周海涛', '王建华', '刘淑芬', '陈志']) expect(t).toContain(name);
  expect(t).toContain('协调小组成员');
  expect(t).toContain('社会救助经办人员');
  expect(t).toContain('PA-2026-0117');
  expect(t).toContain('批准');
  expect(t).toContain('每月960.00元，自2027年1月起');
  expect(t).toContain('不予批准');
  expect(t).toContain('有法定赡养义务人且具备赡养能力');
  expect(t).toContain('主持人（签名）');
  const kase = sampleCase();
  const four = { ...kase, meeting: { ...kase.meeting!, attendees: kase.meeting!.attendees.slice(0, 4) } };
  const outcome = await renderDocument('meeting_minutes', four, SAMPLE_ISSUE);
  expect(outcome.kind === 'refused' && outcome.refusal.code).toBe('quorum_not_met');
});

test('审批结果通知书: amount in yuan, start month, the issuer by township kind', () => {
  const t = text.approval_notice!;
  expect(t).toContain('张桂兰：');
  expect(t).toContain('每月960.00元');
  expect(t).toContain('自2027年1月起');
  expect(t).toContain('2026年12月1日');
  expect(t).toContain('平安镇人民政府');
  expect(t).toContain('2026年12月3日');
  expect(text.subdistrict_approval).toContain('北城街道办事处');
  expect(text.subdistrict_approval).not.toContain('北城街道人民政府');
});

test('不予批准告知书: the reasons and the remedies with their periods', () => {
  const t = text.rejection_notice!;
  expect(t).toContain('不予批准告知书');
  expect(t).toContain('1.家庭月人均收入高于当地城乡低保标准');
  expect(t).toContain('2.名下存款超过规定的财产限额');
  expect(t).toContain('60日内向舒兰市人民政府申请行政复议');
  expect(t).toContain('6个月内依法向人民法院提起行政诉讼');
});

test('停保/调整告知书: new and previous amounts, the month, reasons, remedies', () => {
  expect(text.change_adjust).toContain('保障金额调整告知书');
  expect(text.change_adjust).toContain('自2027年7月起调整为每月640.00元（原为每月960.00元）');
  expect(text.change_adjust).toContain('李秀英毕业就业');
  expect(text.change_stop).toContain('停止保障告知书');
  expect(text.change_stop).toContain('自2027年9月后停止发放');
  expect(text.change_stop).toContain('行政复议');
});

test('临时救助审批表: kind, incident, amount, the township limit; only for 临时救助', async () => {
  const t = text.temporary_aid_approval!;
  expect(t).toContain('临时救助审批表');
  expect(t).toContain('急难型');
  expect(t).toContain('3,000.00元');
  expect(t).toContain('750.00元');
  expect(t).toContain('紧急程序（先行救助）');
  expect(t).toContain('220283********0526');
  const outcome = await renderDocument('temporary_aid_approval', sampleCase(), SAMPLE_ISSUE);
  expect(outcome.kind === 'refused' && outcome.refusal.code).toBe('not_applicable');
});

test('近亲属备案表 only when declared, with the relative and a masked ID', async () => {
  const t = text.near_relative_filing!;
  expect(t).toContain('吉林省申请低保经办人员和村(居)民委员会成员近亲属低保备案表');
  expect(t).toContain('李建军（村（居）民委员会成员）');
  expect(t).toContain('220283********0526');
  const outcome = await renderDocument(
    'near_relative_filing',
    { ...sampleCase(), nearRelatives: [] },
    SAMPLE_ISSUE,
  );
  expect(outcome.kind === 'refused' && outcome.refusal.code).toBe('not_declared');
  // Declared in chat without the relative's details: the form is printed to be filled in by hand.
  const blank = await renderDocument(
    'near_relative_filing',
    { ...sampleCase(), nearRelatives: [], nearRelativeDeclared: true },
    SAMPLE_ISSUE,
  );
  expect(blank.kind).toBe('rendered');
});

test('补正材料一次性告知书 and 受理通知书: the materials by name, the dates in Chinese', () => {
  const t = text.materials_notice!;
  for (const id of ['household_identity_documents', 'income_assets_declaration'] as const) {
    expect(t).toContain(MATERIALS[id].name.replace(/\s+/g, ''));
  }
  expect(t).toContain('2026年11月4日');
  expect(t).toContain('舒政办发〔2023〕9号');
  const a = text.acceptance_notice!;
  expect(a).toContain('已于2026年11月9日予以受理');
  expect(a).toContain('预计办结日期为2026年12月21日');
});

test('民主评议记录 when held, the skip reason when not', () => {
  expect(text.appraisal_held).toContain('民主评议记录');
  expect(text.appraisal_held).toContain('马桂香');
  expect(text.appraisal_held).toContain('2026年11月15日');
  expect(text.appraisal_skipped).toContain('未开展民主评议情况说明');
  expect(text.appraisal_skipped).toContain('经村委会确认本申请无争议');
});

test('a model that does not match the schema is refused loudly, naming the field', async () => {
  await expect(
    renderDocument('application', { ...sampleCase(), submittedOn: '2026-13-40' }, SAMPLE_ISSUE),
  ).rejects.toThrow(/submittedOn/);
});
