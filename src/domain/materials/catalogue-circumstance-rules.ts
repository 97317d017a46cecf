import { cite, practice } from './catalogue-citations';
import type { ChecklistRule } from './material-types';

/**
 * Materials a circumstance adds to an application (六(一) and the national rules behind it).
 * Each row names its circumstance; rows without a program list apply to every program.
 */

const NEW = ['new'] as const;

export const CIRCUMSTANCE_RULES: readonly ChecklistRule[] = [
  // 六(一): 受救助申请人委托，村(居)民委员会可以代为提交申请
  {
    material: 'entrustment_letter',
    when: { circumstance: 'entrusted_submission' },
    sources: [cite('shulan_2023_9', '六(一)'), cite('mca_2021_57_dibao', '第6条', '须办理委托手续')],
  },
  {
    material: 'entrusted_party_identity',
    when: { circumstance: 'entrusted_submission' },
    sources: [practice('identifies who submitted on the resident’s behalf (六(一))')],
  },
  // 六(一) 人户分离: 户籍地受理，函请实际居住地入户调查、民主评议、公示
  {
    material: 'actual_residence_proof',
    when: { businessTypes: NEW, circumstance: 'residence_split' },
    sources: [practice('六(一) has the residence township investigate; it needs the actual address')],
  },
  // 六(一): 近亲属备案表 is mandatory for 低保 applicants related to caseworkers or committee members
  {
    material: 'near_relative_filing_form',
    when: { programs: ['dibao'], businessTypes: NEW, circumstance: 'near_relative' },
    sources: [cite('shulan_2023_9', '六(一)'), cite('mca_2021_57_dibao', '第11条')],
  },
  {
    material: 'disability_certificate',
    when: { programs: ['tekun'], businessTypes: NEW, circumstance: 'disability' },
    sources: [cite('mca_2021_tekun', '第10条')],
  },
  {
    material: 'disability_certificate',
    when: { programs: ['dibao'], businessTypes: NEW, circumstance: 'disability' },
    sources: [practice('single-person household and priority support (民发〔2021〕57号 第8条) rest on it')],
  },
  {
    material: 'serious_illness_diagnosis',
    when: { programs: ['dibao'], businessTypes: NEW, circumstance: 'serious_illness' },
    sources: [practice('single-person household for serious illness (民发〔2021〕57号 第8条) rests on it')],
  },
  {
    material: 'student_enrolment_proof',
    when: { programs: ['dibao'], businessTypes: NEW, circumstance: 'adult_student' },
    sources: [
      practice('adult children in full-time education are household members (民发〔2021〕57号 第7条)'),
    ],
  },
  {
    material: 'guardianship_proof',
    when: { businessTypes: NEW, circumstance: 'guardian_acts' },
    sources: [practice('the guardian signs the authorisation for members without full capacity')],
  },
  {
    material: 'family_relationship_ruling',
    when: { programs: ['dibao'], businessTypes: NEW, circumstance: 'divorce_or_custody' },
    sources: [practice('decides household membership and maintenance income (民发〔2021〕57号 第7、13条)')],
  },
  {
    material: 'employment_income_proof',
    when: { programs: ['dibao'], businessTypes: ['new', 'adjust'], circumstance: 'employment_income' },
    sources: [practice('wage income counts, less necessary employment costs (民发〔2021〕57号 第13条)')],
  },
  // 特困: 本人及法定义务人 authorise the checks (特困人员认定办法 第10条)
  {
    material: 'obligor_check_authorisation',
    when: { programs: ['tekun'], businessTypes: NEW, circumstance: 'has_legal_obligors' },
    sources: [cite('mca_2021_tekun', '第10条')],
  },
  {
    material: 'obligor_incapacity_evidence',
    when: { programs: ['tekun'], businessTypes: NEW, circumstance: 'has_legal_obligors' },
    sources: [
      practice('特困人员认定办法 第8条 defines when an obligor cannot support; the proof is usual practice'),
    ],
  },
  // 支出型: spending counted on valid receipts (刚性支出困难家庭认定办法 第5条)
  {
    material: 'medical_expense_receipts',
    when: { programs: ['linshi'], temporaryAidKinds: ['expenditure'], circumstance: 'medical_expense' },
    sources: [cite('mca_2024_rigid_expense', '第5条')],
  },
  {
    material: 'education_expense_receipts',
    when: { programs: ['linshi'], temporaryAidKinds: ['expenditure'], circumstance: 'education_expense' },
    sources: [cite('mca_2024_rigid_expense', '第5条')],
  },
];
