import type { BusinessType, Program, TemporaryAidKind } from '../case/case-types';

/**
 * The vocabulary of the materials catalogue: which materials exist, the circumstances that call
 * for extra ones, and where each requirement comes from. The catalogue itself is data
 * (`catalogue-*.ts`); these types keep it honest.
 */

/** Every material the catalogue knows. Ids are stable: notices and audit rows store them. */
export type MaterialId =
  // applications in general
  | 'written_application'
  | 'household_identity_documents'
  | 'economic_check_authorisation'
  | 'income_assets_declaration'
  | 'truthfulness_commitment'
  | 'bank_account_details'
  // 低保 dynamic management
  | 'dibao_change_statement'
  | 'dibao_stop_evidence'
  // 特困
  | 'applicant_identity_document'
  | 'tekun_circumstances_statement'
  | 'obligor_check_authorisation'
  | 'obligor_incapacity_evidence'
  | 'tekun_termination_evidence'
  | 'care_mode_change_request'
  | 'care_arrangement_agreement'
  | 'self_care_change_report'
  // 临时救助
  | 'hardship_event_proof'
  | 'medical_expense_receipts'
  | 'education_expense_receipts'
  // circumstances
  | 'entrustment_letter'
  | 'entrusted_party_identity'
  | 'actual_residence_proof'
  | 'near_relative_filing_form'
  | 'disability_certificate'
  | 'serious_illness_diagnosis'
  | 'student_enrolment_proof'
  | 'guardianship_proof'
  | 'family_relationship_ruling'
  | 'employment_income_proof';

/** Facts about an application that call for extra materials. */
export const CIRCUMSTANCES = [
  /** 六(一): the village/residents' committee submits on the resident's behalf (受委托代为提交). */
  'entrusted_submission',
  /** 六(一) 人户分离: registered here, living in another township. */
  'residence_split',
  /** 六(一): a member is a near relative of a 低保 caseworker or committee member. */
  'near_relative',
  /** A member holds, or claims, a disability certificate. */
  'disability',
  /** A member has a serious illness (重特大疾病). */
  'serious_illness',
  /** An adult child in full-time education counts as a household member (民发〔2021〕57号 第7条). */
  'adult_student',
  /** A guardian acts for a minor or a member without full legal capacity. */
  'guardian_acts',
  /** Divorce, custody or maintenance arrangements decide who belongs to the household. */
  'divorce_or_custody',
  /** A member has wage income, or has lost work. */
  'employment_income',
  /** 特困: the applicant has people with a legal duty of support (法定义务人). */
  'has_legal_obligors',
  /** 支出型: medical spending caused the hardship. */
  'medical_expense',
  /** 支出型: education spending caused the hardship. */
  'education_expense',
] as const;

export type Circumstance = (typeof CIRCUMSTANCES)[number];

/** What a material is, in the words a notice uses (domain data, shown to residents). */
export interface MaterialSpec {
  /** The material's official or customary Chinese name. */
  name: string;
  /** Why it is needed, in Chinese, for the notice. */
  purpose: string;
}

/**
 * The documents requirements are drawn from, by level. `common_practice` marks a requirement not
 * found in our sources: usual practice, to be confirmed with the bureau (docs/domain.md §5).
 */
export type SourceDocument =
  | 'shulan_2023_9'
  | 'mca_2021_57_dibao'
  | 'mca_2021_tekun'
  | 'state_council_649'
  | 'mca_2018_temporary_aid'
  | 'mca_2024_rigid_expense'
  | 'jilin_covid_temporary_aid_guide'
  | 'common_practice';

/** A citation: document and clause, with a note where the source only frames the requirement. */
export interface Citation {
  document: SourceDocument;
  clause: string | undefined;
  note?: string;
}

/** When a row of the rule table applies; every given field must match (absent = any). */
export interface Condition {
  programs?: readonly Program[];
  businessTypes?: readonly BusinessType[];
  temporaryAidKinds?: readonly TemporaryAidKind[];
  circumstance?: Circumstance;
}

/** One row of the checklist rule table: this material is needed when the condition holds. */
export interface ChecklistRule {
  material: MaterialId;
  when: Condition;
  sources: readonly Citation[];
  /** 急难型: may be supplied after the aid is paid (先行救助, 临时救助意见 二(二)). */
  mayFollowAfterAid?: true;
}
