import { z } from 'zod';
import type { Program } from '../case/case-types';
import { caseCircumstances, materialsApplicationOf } from '../materials/case-application';
import { checklistFor } from '../materials/checklist';
import type { MaterialId } from '../materials/material-types';
import { DECISION_EVENTS, MEETING_DECISION_EVENTS } from '../workflow/decision-events';

/** What the archive of a case must hold (八, 六(三)); labels in templates/bureau/archive-items. */
export const ARCHIVE_ITEMS = [
  'application',
  'materials',
  'near_relative_filing',
  'economic_check',
  'home_visit',
  'appraisal',
  'publicity',
  'meeting_minutes',
  'decision_notice',
] as const;
export type ArchiveItemId = (typeof ARCHIVE_ITEMS)[number];

export interface MaterialEntry {
  id: MaterialId;
  status: 'present' | 'missing';
  /**
   * `file`: a copy the resident sent is stored with the case; `acceptance`: no copy on record, but
   * the township accepted the application, which it may do only with the materials complete (六(一)).
   */
  evidence: 'file' | 'acceptance' | undefined;
}

export interface ArchiveItem {
  id: ArchiveItemId;
  status: 'present' | 'missing' | 'not_applicable';
  clause: string;
  /** Where it was found: audit entries (`event #seq type`) and archived notices (`notice #id kind`). */
  evidence: string[];
  /** Why it is missing or not applicable, in plain words for the log/CLI. */
  detail: string | undefined;
  /** For `materials`: each material of the case's checklist. */
  materials?: MaterialEntry[];
  /** Present on record but its signed paper not back: the printed document to photograph. */
  signedCopyMissing?: string;
}

export interface ArchiveChecklist {
  caseId: string;
  program: Program;
  businessType: string;
  state: string;
  townshipId: string;
  /** The case has been filed with the bureau (a `file_with_bureau` step is recorded). */
  filed: boolean;
  /** Nothing required is missing. */
  complete: boolean;
  items: ArchiveItem[];
  /** Version of the materials catalogue the materials were listed with. */
  catalogueVersion: string;
}

/** An entry of the case's audit trail (`case_events`). */
export interface ArchiveEvent {
  seq: number;
  eventType: string;
  payload: unknown;
  reason: string | null;
  at: Date;
}

/** A notice archived with the case (`case_notices`). */
export interface ArchiveNotice {
  id: number;
  kind: string;
  createdAt: Date;
  templateId: string;
  templateVersion: number;
}

/** What the archive check reads of a case, loaded by the caller. */
export interface ArchiveRecord {
  case: {
    id: string;
    program: Program;
    businessType: string;
    state: string;
    townshipId: string;
    residenceTownshipId: string | null;
    submittedBy: 'self' | 'village_committee';
    temporaryAidKind: 'emergency' | 'expenditure' | null;
    nearRelativeDeclared: boolean;
    nearRelativeDetected: boolean;
    nearRelativeFiled: boolean;
  };
  events: readonly ArchiveEvent[];
  notices: readonly ArchiveNotice[];
  /** Stored files of the case, with the material each was tagged as. */
  files: readonly { id: number; materialId: string | null }[];
  /** Circumstances recorded on members and declared in the application. */
  circumstances: readonly string[];
  /**
   * Printed documents whose signed (or posted) copy came back as a photo (document kinds, e.g.
   * `home_visit`). Absent: signed copies are not checked (an archive kept on paper only).
   */
  signedCopies?: readonly string[];
}

/**
 * The archive parts that are papers someone signs or posts, and the printed document whose signed
 * copy proves them: the application signed by the applicant and adult members (六(一)), the 入户
 * 调查表 signed by the investigators and the family (民发〔2021〕57号第十六条; 六(二) “谁入户、谁签字”),
 * the near-relative filing form, the 民主评议 record when held, the 公示 as posted in the village
 * (六(三)) and the meeting minutes signed by those present (六(三)).
 */
export const SIGNED_COPY_OF: Partial<Record<ArchiveItemId, string>> = {
  application: 'application',
  near_relative_filing: 'near_relative_filing',
  home_visit: 'home_visit',
  appraisal: 'appraisal_record',
  publicity: 'publicity',
  meeting_minutes: 'meeting_minutes',
};

type EventRow = ArchiveEvent;

const meetingPayload = z.object({
  meeting: z.object({
    heldOn: z.string(),
    minutesRef: z.string(),
    participants: z.array(z.object({ personId: z.string(), confirmed: z.boolean() })),
  }),
});
const visitSchema = z.object({
  visitedOn: z.string(),
  staff: z.array(z.object({ staffId: z.string(), signed: z.boolean() })),
});
const homeVisitPayload = z.object({ visit: visitSchema });
const residencePayload = z.object({
  visit: visitSchema,
  appraisal: z.object({ held: z.boolean(), skipReason: z.string().optional() }),
});

const MEETING_DECISIONS: readonly string[] = MEETING_DECISION_EVENTS;
// A 先行救助 is the decision of a case paid first: its notice is the decision notice of the archive.
const DECISIONS: readonly string[] = [...DECISION_EVENTS, 'advance_aid'];
/** The notice each decision calls for (kinds as `case_notices.kind`, from the `notice.*` effects). */
const NOTICE_FOR: Record<string, string> = {
  decide_approve: 'approval',
  decide_adjust: 'change',
  decide_stop: 'change',
  decide_reject: 'rejection',
  review_ineligible: 'rejection',
  advance_aid: 'advance_aid',
};

/**
 * 先行救助 (2018 临时救助意见 二(二)): 急难型 aid paid first, with the economic check, appraisal and
 * publicity simplified (“简化……家庭经济状况核对、民主评议和公示等环节”) and the records completed
 * afterwards (补办: the signed home visit and the township's opinion). Its archive holds those; the
 * simplified parts are not applicable unless they were recorded anyway.
 */
const ADVANCE_SIMPLIFIED = 'paid first (先行救助, 2018 临时救助意见 二(二)): simplified';

/**
 * The archive checklist of one case (八; what the bureau reviews on filing, 六(三)): each part
 * the archive must hold, marked present or missing from the case's audit trail, archived notices
 * and stored files. `minHomeVisitStaff` is the signing staff a home visit needs (六(二), default 2).
 */
export function archiveCompleteness(record: ArchiveRecord, minHomeVisitStaff = 2): ArchiveChecklist {
  const { case: row, events, notices, files } = record;
  const of = (...types: string[]) => events.filter((e) => types.includes(e.eventType));
  const cite = (e: EventRow) => `event #${e.seq} ${e.eventType}`;
  const item = (id: ArchiveItemId, clause: string, found: string[], missingDetail: string): ArchiveItem => ({
    id,
    clause,
    status: found.length > 0 ? 'present' : 'missing',
    evidence: found,
    detail: found.length > 0 ? undefined : missingDetail,
  });
  const notApplicable = (id: ArchiveItemId, clause: string, detail: string): ArchiveItem => ({
    id,
    clause,
    status: 'not_applicable',
    evidence: [],
    detail,
  });

  const items: ArchiveItem[] = [];
  items.push(item('application', '六(一)', of('submit').map(cite), 'no application recorded'));

  const application = materialsApplicationOf(row, caseCircumstances(row, record.circumstances));
  const checklist = application ? checklistFor(application) : undefined;
  const accepted = of('accept')[0];
  const materials: MaterialEntry[] = (checklist?.items ?? []).map((m) => {
    if (files.some((f) => f.materialId === m.id)) return { id: m.id, status: 'present', evidence: 'file' };
    if (accepted) return { id: m.id, status: 'present', evidence: 'acceptance' };
    return { id: m.id, status: 'missing', evidence: undefined };
  });
  const materialsMissing = materials.filter((m) => m.status === 'missing');
  items.push({
    id: 'materials',
    clause: '六(一)',
    status: checklist && materialsMissing.length === 0 ? 'present' : 'missing',
    evidence: [
      ...files.filter((f) => f.materialId).map((f) => `file #${f.id} ${f.materialId}`),
      ...(accepted ? [cite(accepted)] : []),
    ],
    detail: !checklist
      ? `no checklist for business type ${row.businessType}`
      : materialsMissing.length > 0
        ? `missing: ${materialsMissing.map((m) => m.id).join(', ')}`
        : undefined,
    materials,
  });

  if (row.nearRelativeDeclared || row.nearRelativeDetected) {
    const filings = of('record_near_relative_filing').map(cite);
    if (filings.length === 0 && row.nearRelativeFiled) filings.push('case flag near_relative_filed');
    items.push(
      item('near_relative_filing', '六(一)', filings, 'near relative declared, no filing form recorded'),
    );
  } else {
    items.push(notApplicable('near_relative_filing', '六(一)', 'no near relative declared or detected'));
  }

  const advance = of('advance_aid').length > 0;
  const checks = of('record_verification').map(cite);
  items.push(
    advance && checks.length === 0
      ? notApplicable('economic_check', '六(二)', ADVANCE_SIMPLIFIED)
      : item('economic_check', '六(二)', checks, 'no economic check recorded'),
  );
  items.push(homeVisitItem(events, minHomeVisitStaff, cite));
  const appraisal = appraisalItem(events, cite);
  items.push(
    advance && appraisal.status === 'missing'
      ? notApplicable('appraisal', '六(二)', ADVANCE_SIMPLIFIED)
      : appraisal,
  );

  const decisions = of(...DECISIONS);
  const latest = decisions.at(-1);
  const meetingDecisions = of(...MEETING_DECISIONS);
  const rejectedAtReview = latest?.eventType === 'review_ineligible';
  if (latest?.eventType === 'advance_aid') {
    items.push(
      notApplicable('publicity', '2018 临时救助意见 二(二)', `${ADVANCE_SIMPLIFIED}, no 公示 before the aid`),
    );
    items.push(
      notApplicable(
        'meeting_minutes',
        '2018 临时救助意见 二(二)',
        `${ADVANCE_SIMPLIFIED}; confirmed at 补办`,
      ),
    );
  } else if (rejectedAtReview) {
    items.push(notApplicable('publicity', '六(三)', 'rejected at review: no publicity'));
    items.push(notApplicable('meeting_minutes', '六(三)', 'rejected at review: no meeting'));
  } else {
    const ended = of('end_publicity');
    const publicityNotices = notices
      .filter((n) => n.kind === 'publicity')
      .map((n) => `notice #${n.id} publicity`);
    const changesOnly = meetingDecisions.every(
      (d) => d.eventType === 'decide_adjust' || d.eventType === 'decide_stop',
    );
    if (meetingDecisions.length > 0 && changesOnly && ended.length === 0) {
      items.push(
        notApplicable('publicity', '七(一)', 'change after re-check: confirmed by the meeting, no publicity'),
      );
    } else {
      items.push(
        item(
          'publicity',
          '六(三)',
          ended.length > 0
            ? [...of('start_publicity').map(cite), ...ended.map(cite), ...publicityNotices]
            : [],
          'publicity not completed',
        ),
      );
    }
    const lastMeeting = meetingDecisions.at(-1);
    const minutes = lastMeeting ? meetingPayload.safeParse(lastMeeting.payload) : undefined;
    items.push(
      item(
        'meeting_minutes',
        '六(三)',
        lastMeeting && minutes?.success && minutes.data.meeting.minutesRef.trim()
          ? [
              `${cite(lastMeeting)} minutes ${minutes.data.meeting.minutesRef} (${minutes.data.meeting.participants.length} participants)`,
            ]
          : [],
        lastMeeting ? 'meeting decision without minutes reference' : 'no meeting decision recorded',
      ),
    );
  }

  if (latest) {
    const kind = NOTICE_FOR[latest.eventType]!;
    const found = notices
      .filter((n) => n.kind === kind && n.createdAt.getTime() >= latest.at.getTime())
      .map((n) => `notice #${n.id} ${n.kind} (${n.templateId} v${n.templateVersion})`);
    items.push(item('decision_notice', '六(三)', found, `no ${kind} notice archived after ${cite(latest)}`));
  } else {
    items.push(item('decision_notice', '六(三)', [], 'no decision recorded'));
  }

  if (record.signedCopies) requireSignedCopies(items, events, record.signedCopies);

  return {
    caseId: row.id,
    program: row.program,
    businessType: row.businessType,
    state: row.state,
    townshipId: row.townshipId,
    filed: of('file_with_bureau').length > 0,
    complete: items.every((i) => i.status !== 'missing'),
    items,
    catalogueVersion: checklist?.catalogueVersion ?? '',
  };
}

/** 六(二) “谁入户、谁签字、谁负责”: a home visit with at least `min` signing staff. */
function homeVisitItem(events: readonly EventRow[], min: number, cite: (e: EventRow) => string): ArchiveItem {
  const visits = events.filter(
    (e) =>
      e.eventType === 'record_home_visit' ||
      e.eventType === 'residence_results_returned' ||
      e.eventType === 'complete_advance_records' ||
      e.eventType === 'advance_records_unfounded',
  );
  const signed = visits.filter((e) => {
    const parsed = homeVisitPayload.safeParse(e.payload);
    return parsed.success && parsed.data.visit.staff.filter((s) => s.signed).length >= min;
  });
  return {
    id: 'home_visit',
    clause: '六(二)',
    status: signed.length > 0 ? 'present' : 'missing',
    evidence: signed.map(cite),
    detail:
      signed.length > 0
        ? undefined
        : visits.length > 0
          ? `home visit recorded with fewer than ${min} signing staff`
          : 'no home visit recorded',
  };
}

/** 六(二): the democratic appraisal's minutes, or the recorded reason it was skipped. */
function appraisalItem(events: readonly EventRow[], cite: (e: EventRow) => string): ArchiveItem {
  const found = events
    .filter((e) => {
      if (e.eventType === 'record_appraisal') return true;
      if (e.eventType === 'skip_appraisal') return Boolean(e.reason?.trim());
      if (e.eventType !== 'residence_results_returned') return false;
      const parsed = residencePayload.safeParse(e.payload);
      return (
        parsed.success && (parsed.data.appraisal.held || Boolean(parsed.data.appraisal.skipReason?.trim()))
      );
    })
    .map(cite);
  return {
    id: 'appraisal',
    clause: '六(二)',
    status: found.length > 0 ? 'present' : 'missing',
    evidence: found,
    detail: found.length > 0 ? undefined : 'no appraisal and no recorded reason to skip it',
  };
}

/**
 * A present part that is a signed paper stays missing until its signed copy is on file. A skipped
 * 民主评议 has no record to sign (its reason is the record).
 */
function requireSignedCopies(
  items: ArchiveItem[],
  events: readonly EventRow[],
  signedCopies: readonly string[],
): void {
  const appraisalHeld = events.some(
    (e) =>
      e.eventType === 'record_appraisal' ||
      (e.eventType === 'residence_results_returned' &&
        residencePayload.safeParse(e.payload).data?.appraisal.held),
  );
  for (const item of items) {
    const document = SIGNED_COPY_OF[item.id];
    if (!document || item.status !== 'present') continue;
    if (item.id === 'appraisal' && !appraisalHeld) continue;
    if (signedCopies.includes(document)) {
      item.evidence.push(`signed copy of ${document}`);
      continue;
    }
    item.status = 'missing';
    item.detail = `no signed copy of the printed ${document} received`;
    item.signedCopyMissing = document;
  }
}
