import type { DocumentBuilder } from '../document-builder';
import type { DocumentKind } from '../document-kinds';
import { acceptanceNoticeBuilder } from './acceptance-notice';
import { applicationBuilder } from './application';
import { appraisalRecordBuilder } from './appraisal-record';
import { approvalNoticeBuilder } from './approval-notice';
import { authorisationBuilder } from './authorisation';
import { changeNoticeBuilder } from './change-notice';
import { homeVisitBuilder } from './home-visit';
import { materialsNoticeBuilder } from './materials-notice';
import { meetingMinutesBuilder } from './meeting-minutes';
import { nearRelativeFilingBuilder } from './near-relative-filing';
import { publicityBuilder } from './publicity';
import { rejectionNoticeBuilder } from './rejection-notice';
import { temporaryAidApprovalBuilder } from './temporary-aid-approval';

export const BUILDERS: Record<DocumentKind, DocumentBuilder> = {
  application: applicationBuilder,
  authorisation: authorisationBuilder,
  near_relative_filing: nearRelativeFilingBuilder,
  materials_notice: materialsNoticeBuilder,
  acceptance_notice: acceptanceNoticeBuilder,
  home_visit: homeVisitBuilder,
  appraisal_record: appraisalRecordBuilder,
  publicity: publicityBuilder,
  meeting_minutes: meetingMinutesBuilder,
  temporary_aid_approval: temporaryAidApprovalBuilder,
  approval_notice: approvalNoticeBuilder,
  rejection_notice: rejectionNoticeBuilder,
  change_notice: changeNoticeBuilder,
};
