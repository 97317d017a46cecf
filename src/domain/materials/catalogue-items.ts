import type { MaterialId, MaterialSpec } from './material-types';

/**
 * What each material is: its name as notices print it and why it is asked for. Domain data in
 * Chinese. When a material is needed, and on what authority, is in `catalogue-rules.ts`.
 */
export const MATERIALS: Readonly<Record<MaterialId, MaterialSpec>> = {
  written_application: {
    name: '书面申请（申请审批表）',
    purpose: '申请须以书面形式向户籍所在乡（镇）街提出',
  },
  household_identity_documents: {
    name: '共同生活家庭成员身份证件及户口簿（原件及复印件）',
    purpose: '确认申请人身份和共同生活的家庭成员范围',
  },
  economic_check_authorisation: {
    name: '家庭经济状况核对授权书',
    purpose: '授权核对家庭收入和财产，无或限制民事行为能力成员由监护人代签',
  },
  income_assets_declaration: {
    name: '家庭收入和财产状况申报表',
    purpose: '如实填报家庭收入和家庭财产状况，作为审核依据',
  },
  truthfulness_commitment: {
    name: '信息真实完整承诺书',
    purpose: '承诺所报信息真实完整，虚报须承担相应责任',
  },
  bank_account_details: {
    name: '银行卡（存折）账户信息',
    purpose: '救助资金通过银行社会化发放到本人账户（低保、特困按月，临时救助一次性）',
  },
  dibao_change_statement: {
    name: '家庭人口、收入、财产变化情况说明及证明材料',
    purpose: '动态调整须核实家庭变化情况',
  },
  dibao_stop_evidence: {
    name: '停止保障事由证明材料（如死亡证明、收入或财产变化证明、本人自愿退出申请）',
    purpose: '停止保障须有法定事由，并书面说明理由',
  },
  applicant_identity_document: {
    name: '本人有效身份证件',
    purpose: '特困人员认定由本人申请，须确认本人身份',
  },
  tekun_circumstances_statement: {
    name: '劳动能力、生活来源、财产状况及赡养抚养扶养情况的书面声明',
    purpose: '特困人员认定须核实“三无”条件',
  },
  obligor_check_authorisation: {
    name: '法定赡养、抚养、扶养义务人的经济状况核查授权书',
    purpose: '须核查义务人是否具备履行义务的能力',
  },
  obligor_incapacity_evidence: {
    name: '法定义务人无履行义务能力的证明材料',
    purpose: '证明义务人无履行赡养、抚养、扶养义务的能力',
  },
  tekun_termination_evidence: {
    name: '终止供养事由证明材料（如死亡证明、恢复劳动能力证明、本人自愿退出申请）',
    purpose: '终止供养须有法定事由，并书面告知理由',
  },
  care_mode_change_request: {
    name: '供养方式变更申请（集中供养或分散供养）',
    purpose: '供养方式由本人选择，变更须本人提出',
  },
  care_arrangement_agreement: {
    name: '供养服务机构入住协议或委托照料协议',
    purpose: '确认变更后的供养机构或照料人',
  },
  self_care_change_report: {
    name: '生活自理能力变化情况报告',
    purpose: '自理能力变化须经乡（镇）街报告后复核评估并调整照料护理档次',
  },
  hardship_event_proof: {
    name: '急难情形证明（如火灾、交通事故、突发重大疾病的相关证明）',
    purpose: '确认急难事由；急难型可先行救助，事后补齐',
  },
  medical_expense_receipts: {
    name: '医疗费用票据及医保报销结算单',
    purpose: '核定医保报销后个人负担的医疗支出',
  },
  education_expense_receipts: { name: '学费、住宿费票据或学校证明', purpose: '核定必需的教育支出' },
  entrustment_letter: { name: '委托书', purpose: '村（居）委会受委托代为提交申请，须办理委托手续' },
  entrusted_party_identity: {
    name: '受托人（村（居）委会经办人）身份证明',
    purpose: '确认代为提交申请的受托人',
  },
  actual_residence_proof: {
    name: '实际居住地证明（如居住证、租赁合同或居住地村（居）委会证明）',
    purpose: '人户分离的，由户籍地函请实际居住地乡（镇）街入户调查、评议和公示',
  },
  near_relative_filing_form: {
    name: '吉林省申请低保经办人员和村(居)民委员会成员近亲属低保备案表',
    purpose: '与低保经办人员或村（居）委会成员有近亲属关系的，必须如实填写并单独登记备案',
  },
  disability_certificate: { name: '残疾人证', purpose: '核实残疾类别和等级' },
  serious_illness_diagnosis: { name: '重特大疾病诊断证明及病历', purpose: '核实重特大疾病情况' },
  student_enrolment_proof: {
    name: '在校证明（全日制本科及以下学历教育）',
    purpose: '在校就读的成年子女计入共同生活家庭成员',
  },
  guardianship_proof: { name: '监护人身份证件及监护关系证明', purpose: '由监护人代为申请、签字和授权' },
  family_relationship_ruling: {
    name: '离婚判决书（协议）或抚养、赡养判决书（协议）',
    purpose: '确定共同生活家庭成员范围和应得的抚养、赡养费',
  },
  employment_income_proof: { name: '就业、失业或工资收入证明', purpose: '核定家庭工资性收入' },
};
