import type { EventType } from '../../domain/workflow/workflow-events';
import type { DocumentKind } from './document-kinds';

/**
 * The paper a step produces, sent to the staff member who took it as soon as it is taken: the
 * notices the applicant is given in writing (六(一), 六(三)), the blank 入户调查表 for the visit
 * (六(二)), the 民主评议 record, and the 公示 sheet, which also goes to the village committee to
 * post in the village (四(三), 六(三)).
 */
export const DOCUMENTS_AFTER_STEP: Partial<Record<EventType, readonly DocumentKind[]>> = {
  request_materials: ['materials_notice'],
  accept: ['acceptance_notice', 'home_visit'],
  record_appraisal: ['appraisal_record'],
  skip_appraisal: ['appraisal_record'],
  start_publicity: ['publicity'],
  review_ineligible: ['rejection_notice'],
  decide_approve: ['approval_notice'],
  decide_adjust: ['change_notice'],
  decide_stop: ['change_notice'],
  decide_reject: ['rejection_notice'],
};

/** Documents that also go to the township's village committee members. */
export const POSTED_IN_VILLAGE: readonly DocumentKind[] = ['publicity'];
