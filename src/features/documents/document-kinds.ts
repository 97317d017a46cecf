/**
 * The documents the township prints, in the order they sit in the case archive (八; 一户一档):
 * application papers, materials, filing, notices, investigation, appraisal, publicity, meeting,
 * decision. Each has one template in templates/documents/.
 */
export const DOCUMENT_KINDS = [
  'application',
  'authorisation',
  'near_relative_filing',
  'materials_notice',
  'acceptance_notice',
  'home_visit',
  'appraisal_record',
  'publicity',
  'meeting_minutes',
  'temporary_aid_approval',
  'approval_notice',
  'rejection_notice',
  'change_notice',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const TEMPLATE_OF: Record<DocumentKind, string> = {
  application: 'document.application',
  authorisation: 'document.economic-check-authorisation',
  near_relative_filing: 'document.near-relative-filing',
  materials_notice: 'document.materials-notice',
  acceptance_notice: 'document.acceptance-notice',
  home_visit: 'document.home-visit',
  appraisal_record: 'document.appraisal-record',
  publicity: 'document.publicity',
  meeting_minutes: 'document.meeting-minutes',
  temporary_aid_approval: 'document.temporary-aid-approval',
  approval_notice: 'document.approval-notice',
  rejection_notice: 'document.rejection-notice',
  change_notice: 'document.change-notice',
};

/**
 * Why a document is not produced for a case. `confidential_case`: an HIV-tagged case never gets
 * a township publicity, appraisal or meeting paper (Jilin rule, DOMAIN.md); `not_declared`: no
 * near relative was declared; `step_not_reached`: the case has no record of that step yet;
 * `not_applicable`: the document belongs to another program or decision; `quorum_not_met`: fewer
 * than 5 attended the meeting (六(三)), so it could not decide.
 */
export type RefusalCode =
  | 'confidential_case'
  | 'not_declared'
  | 'step_not_reached'
  | 'not_applicable'
  | 'quorum_not_met';

export interface DocumentRefusal {
  kind: DocumentKind;
  code: RefusalCode;
  /** For logs and staff replies (English; the chat layer words it for people). */
  detail: string;
}

export function refusal(kind: DocumentKind, code: RefusalCode, detail: string): DocumentRefusal {
  return { kind, code, detail };
}
