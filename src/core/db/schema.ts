/**
 * The database schema, one file per area; drizzle-kit reads it from here (drizzle.config.ts).
 */

import { caseDocuments, caseEvents, caseMembers, cases, dueTimers, townships } from './case-tables';
import {
  alertsSent,
  bureauWarnings,
  cronRuns,
  meetingInvitations,
  meetings,
  monthlyReports,
  piiReads,
  spotChecks,
} from './job-tables';
import {
  cardResponseCodes,
  conversations,
  inboundMessages,
  kfCursors,
  outbox,
  outboxSends,
  wecomAccessTokens,
} from './messaging-tables';
import { caseNotices, handoffAnswers, handoffs, residentFiles, staffMembers } from './people-tables';

export { caseDocuments, caseEvents, caseMembers, cases, dueTimers, townships } from './case-tables';
export {
  alertsSent,
  bureauWarnings,
  cronRuns,
  meetingInvitations,
  meetings,
  monthlyReports,
  piiReads,
  spotChecks,
} from './job-tables';
export {
  cardResponseCodes,
  conversations,
  inboundMessages,
  kfCursors,
  outbox,
  outboxSends,
  wecomAccessTokens,
} from './messaging-tables';
export { caseNotices, handoffAnswers, handoffs, residentFiles, staffMembers } from './people-tables';

export const schema = {
  inboundMessages,
  conversations,
  outbox,
  outboxSends,
  cardResponseCodes,
  wecomAccessTokens,
  kfCursors,
  townships,
  cases,
  caseMembers,
  caseEvents,
  caseDocuments,
  dueTimers,
  staffMembers,
  residentFiles,
  handoffs,
  handoffAnswers,
  caseNotices,
  alertsSent,
  cronRuns,
  meetings,
  meetingInvitations,
  bureauWarnings,
  spotChecks,
  monthlyReports,
  piiReads,
};
export type Schema = typeof schema;
