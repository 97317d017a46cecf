import { cite, practice } from './catalogue-citations';
import type { ChecklistRule } from './material-types';

/**
 * Materials every application of a program and business type needs (三 下放清单 lists the business
 * types). 六(一): a written application, household income and assets declared truthfully, the
 * authorisation for economic checks, and the materials the rules prescribe, originals and copies.
 * The Jilin list itself was not found (docs/domain.md §5): items without a specific source are
 * cited as common practice and wait for the bureau's confirmation.
 */

const DIBAO_NEW = { programs: ['dibao'], businessTypes: ['new'] } as const;
const TEKUN_NEW = { programs: ['tekun'], businessTypes: ['new'] } as const;
const LINSHI = { programs: ['linshi'], businessTypes: ['new'] } as const;
const EMERGENCY = { ...LINSHI, temporaryAidKinds: ['emergency'] } as const;
const EXPENDITURE = { ...LINSHI, temporaryAidKinds: ['expenditure'] } as const;

const APPLICATION = cite(
  'shulan_2023_9',
  '六(一)',
  '书面申请，如实填报家庭收入和家庭财产状况，履行授权核查程序',
);
const PAYMENT = practice('payment is monthly and social (六(五)); the account is needed to pay');
const JILIN_GUIDE = cite(
  'jilin_covid_temporary_aid_guide',
  '申请材料',
  'epidemic-era guide; confirm for Shulan',
);

export const PROGRAM_RULES: readonly ChecklistRule[] = [
  // 低保 新增 (incl. 低保边缘家庭认定)
  {
    material: 'written_application',
    when: DIBAO_NEW,
    sources: [APPLICATION, cite('mca_2021_57_dibao', '第4条')],
  },
  {
    material: 'household_identity_documents',
    when: DIBAO_NEW,
    sources: [
      practice('民发〔2021〕57号 第9条 requires the prescribed materials; the list is not in our sources'),
    ],
  },
  {
    material: 'economic_check_authorisation',
    when: DIBAO_NEW,
    sources: [APPLICATION, cite('mca_2021_57_dibao', '第9条')],
  },
  {
    material: 'income_assets_declaration',
    when: DIBAO_NEW,
    sources: [APPLICATION, cite('mca_2021_57_dibao', '第9条')],
  },
  { material: 'truthfulness_commitment', when: DIBAO_NEW, sources: [cite('mca_2021_57_dibao', '第9条')] },
  { material: 'bank_account_details', when: DIBAO_NEW, sources: [PAYMENT] },
  // 低保 动态调整, 停止保障 (七(一): same path as a new case)
  {
    material: 'dibao_change_statement',
    when: { programs: ['dibao'], businessTypes: ['adjust'] },
    sources: [
      cite('mca_2021_57_dibao', '第30条', 'the duty to report changes; the proofs are common practice'),
    ],
  },
  {
    material: 'dibao_stop_evidence',
    when: { programs: ['dibao'], businessTypes: ['stop'] },
    sources: [
      cite('mca_2021_57_dibao', '第32条', 'a stop needs legal grounds; the proofs are common practice'),
    ],
  },
  // 特困 新增: S2 第10条 lists the materials
  {
    material: 'written_application',
    when: TEKUN_NEW,
    sources: [APPLICATION, cite('mca_2021_tekun', '第10条')],
  },
  { material: 'applicant_identity_document', when: TEKUN_NEW, sources: [cite('mca_2021_tekun', '第10条')] },
  { material: 'tekun_circumstances_statement', when: TEKUN_NEW, sources: [cite('mca_2021_tekun', '第10条')] },
  { material: 'truthfulness_commitment', when: TEKUN_NEW, sources: [cite('mca_2021_tekun', '第10条')] },
  {
    material: 'economic_check_authorisation',
    when: TEKUN_NEW,
    sources: [APPLICATION, cite('mca_2021_tekun', '第10条')],
  },
  { material: 'bank_account_details', when: TEKUN_NEW, sources: [PAYMENT] },
  // 特困 终止供养, 供养方式变动, 自理能力评估调整
  {
    material: 'tekun_termination_evidence',
    when: { programs: ['tekun'], businessTypes: ['terminate'] },
    sources: [cite('mca_2021_tekun', '第24、25条')],
  },
  {
    material: 'care_mode_change_request',
    when: { programs: ['tekun'], businessTypes: ['care_mode_change'] },
    sources: [cite('state_council_649', '第19条', '集中或分散供养由本人选择')],
  },
  {
    material: 'care_arrangement_agreement',
    when: { programs: ['tekun'], businessTypes: ['care_mode_change'] },
    sources: [practice('names the institution or carer after the change')],
  },
  {
    material: 'self_care_change_report',
    when: { programs: ['tekun'], businessTypes: ['self_care_reassessment'] },
    sources: [cite('mca_2021_tekun', '第23条')],
  },
  // 临时救助 申请, both kinds
  { material: 'written_application', when: LINSHI, sources: [APPLICATION] },
  { material: 'household_identity_documents', when: LINSHI, sources: [JILIN_GUIDE] },
  { material: 'income_assets_declaration', when: LINSHI, sources: [APPLICATION] },
  { material: 'truthfulness_commitment', when: LINSHI, sources: [JILIN_GUIDE] },
  { material: 'bank_account_details', when: LINSHI, sources: [JILIN_GUIDE] },
  // 急难型: aid first, paperwork after (临时救助意见 二(二))
  {
    material: 'economic_check_authorisation',
    when: EMERGENCY,
    sources: [
      APPLICATION,
      cite('mca_2018_temporary_aid', '二(二)', '急难型 checks are simplified; aid first'),
    ],
    mayFollowAfterAid: true,
  },
  {
    material: 'hardship_event_proof',
    when: EMERGENCY,
    sources: [cite('mca_2018_temporary_aid', '二(二)'), JILIN_GUIDE],
    mayFollowAfterAid: true,
  },
  // 支出型: income test needs the check (临时救助意见 二(一))
  {
    material: 'economic_check_authorisation',
    when: EXPENDITURE,
    sources: [APPLICATION, cite('mca_2018_temporary_aid', '二(一)')],
  },
];
