import {
  type ArchiveEvent,
  type ArchiveRecord,
  archiveCompleteness,
} from '../../../src/domain/archive/archive-completeness';

const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
let seq = 0;
const event = (
  eventType: string,
  day: string,
  payload: unknown = {},
  reason: string | null = null,
): ArchiveEvent => ({
  seq: ++seq,
  eventType,
  payload,
  reason,
  at: at(day),
});
const visit = (signers: number) => ({
  visit: {
    visitedOn: '2026-11-05',
    staff: Array.from({ length: signers }, (_, i) => ({ staffId: `s${i}`, signed: true })),
  },
});
const meeting = { meeting: { heldOn: '2026-11-20', minutesRef: 'HY-2026-11', participants: [] } };

function record(events: ArchiveEvent[], notices: ArchiveRecord['notices'] = []): ArchiveRecord {
  return {
    case: {
      id: 'SQ1',
      program: 'dibao',
      businessType: 'new',
      state: 'decided',
      townshipId: 'pingan',
      residenceTownshipId: null,
      submittedBy: 'self',
      temporaryAidKind: null,
      nearRelativeDeclared: false,
      nearRelativeDetected: false,
      nearRelativeFiled: false,
    },
    events,
    notices,
    files: [],
    circumstances: [],
  };
}

const fullCase = () => [
  event('submit', '2026-11-02'),
  event('accept', '2026-11-03'),
  event('record_verification', '2026-11-04'),
  event('record_home_visit', '2026-11-05', visit(2)),
  event('skip_appraisal', '2026-11-06', {}, '申请人为单人户，经村委会研究不开展评议'),
  event('start_publicity', '2026-11-09'),
  event('end_publicity', '2026-11-16'),
  event('decide_approve', '2026-11-20', meeting),
];
const approvalNotice = {
  id: 7,
  kind: 'approval',
  createdAt: at('2026-11-20'),
  templateId: 'notice.approval',
  templateVersion: 2,
};
const statusOf = (r: ArchiveRecord, min?: number) =>
  Object.fromEntries(archiveCompleteness(r, min).items.map((i) => [i.id, i.status]));

describe('archive completeness (八, 六(二), 六(三)): a pure rule over the case record', () => {
  it('a decided 低保 case with every part is complete', () => {
    const checklist = archiveCompleteness(record(fullCase(), [approvalNotice]));
    expect(checklist.items.filter((i) => i.status === 'missing')).toEqual([]);
    expect(checklist.complete).toBe(true);
  });

  it('a home visit signed by one caseworker is missing (六(二) “谁入户、谁签字”)', () => {
    const events = fullCase().map((e) =>
      e.eventType === 'record_home_visit' ? { ...e, payload: visit(1) } : e,
    );
    const checklist = archiveCompleteness(record(events, [approvalNotice]));
    expect(checklist.complete).toBe(false);
    expect(checklist.items.find((i) => i.id === 'home_visit')?.detail).toBe(
      'home visit recorded with fewer than 2 signing staff',
    );
    expect(statusOf(record(events, [approvalNotice]), 1).home_visit).toBe('present');
  });

  it('a skipped appraisal needs its reason', () => {
    const events = fullCase().map((e) => (e.eventType === 'skip_appraisal' ? { ...e, reason: ' ' } : e));
    expect(statusOf(record(events, [approvalNotice])).appraisal).toBe('missing');
  });

  it('the decision notice must be archived after the decision', () => {
    const early = { ...approvalNotice, createdAt: at('2026-11-19') };
    expect(statusOf(record(fullCase(), [early])).decision_notice).toBe('missing');
    expect(statusOf(record(fullCase(), [approvalNotice])).decision_notice).toBe('present');
  });

  it('rejected at review: no 公示 and no meeting are needed, the rejection notice is', () => {
    const events = [...fullCase().slice(0, 5), event('review_ineligible', '2026-11-07')];
    const rejection = { ...approvalNotice, kind: 'rejection', createdAt: at('2026-11-07') };
    expect(statusOf(record(events, [rejection]))).toMatchObject({
      publicity: 'not_applicable',
      meeting_minutes: 'not_applicable',
      decision_notice: 'present',
    });
  });

  it('a change confirmed by the meeting after re-check needs no 公示 (七(一))', () => {
    const events = [...fullCase().slice(0, 5), event('decide_adjust', '2026-11-20', meeting)];
    const checklist = archiveCompleteness(record(events));
    expect(checklist.items.find((i) => i.id === 'publicity')).toMatchObject({
      status: 'not_applicable',
      clause: '七(一)',
    });
  });

  it('a near relative declared calls for the filing form', () => {
    const r = record(fullCase(), [approvalNotice]);
    const declared = { ...r, case: { ...r.case, nearRelativeDeclared: true } };
    expect(statusOf(declared).near_relative_filing).toBe('missing');
    expect(
      statusOf({
        ...declared,
        events: [...declared.events, event('record_near_relative_filing', '2026-11-03')],
      }).near_relative_filing,
    ).toBe('present');
  });

  it('a 先行救助 case: paid first, 补办 signed by two; simplified parts not applicable (2018 意见 二(二))', () => {
    const paid = (records: number) => [
      event('submit', '2026-12-01'),
      event('advance_aid', '2026-12-01', { amountFen: 80_000 }, '住房失火'),
      event('complete_advance_records', '2026-12-08', { ...visit(records), opinion: '情形属实' }),
    ];
    const notice = {
      ...approvalNotice,
      kind: 'advance_aid',
      templateId: 'notice.advance-aid',
      createdAt: at('2026-12-01'),
    };
    const c = {
      ...record(paid(2), [notice]).case,
      program: 'linshi' as const,
      temporaryAidKind: 'emergency' as const,
    };
    const checklist = archiveCompleteness({ ...record(paid(2), [notice]), case: c });
    expect(Object.fromEntries(checklist.items.map((i) => [i.id, i.status]))).toMatchObject({
      economic_check: 'not_applicable',
      home_visit: 'present',
      appraisal: 'not_applicable',
      publicity: 'not_applicable',
      meeting_minutes: 'not_applicable',
      decision_notice: 'present',
    });
    // 补办 signed by one only: the home visit is missing.
    expect(statusOf({ ...record(paid(1), [notice]), case: c }).home_visit).toBe('missing');
    // Without the 先行救助 notice archived, the decision notice is missing.
    expect(statusOf({ ...record(paid(2)), case: c }).decision_notice).toBe('missing');
  });
});

describe('signed copies (民发〔2021〕57号第十六条; 六(二), 六(三))', () => {
  const signed = (kinds: string[]) => ({ ...record(fullCase(), [approvalNotice]), signedCopies: kinds });

  it('a signed paper counts only with its signed copy back on file', () => {
    const checklist = archiveCompleteness(signed(['application', 'home_visit']));
    expect(checklist.complete).toBe(false);
    expect(checklist.items.find((i) => i.id === 'publicity')).toMatchObject({
      status: 'missing',
      detail: 'no signed copy of the printed publicity received',
    });
    expect(checklist.items.find((i) => i.id === 'home_visit')?.evidence).toContain(
      'signed copy of home_visit',
    );
  });

  it('with every signed copy the case is complete; a skipped appraisal needs none', () => {
    expect(
      archiveCompleteness(signed(['application', 'home_visit', 'publicity', 'meeting_minutes'])).complete,
    ).toBe(true);
  });

  it('a held appraisal needs its signed record', () => {
    const events = fullCase().map((e) =>
      e.eventType === 'skip_appraisal'
        ? { ...e, eventType: 'record_appraisal', payload: { minutesRef: 'PY-1' } }
        : e,
    );
    const r = {
      ...record(events, [approvalNotice]),
      signedCopies: ['application', 'home_visit', 'publicity', 'meeting_minutes'],
    };
    expect(statusOf(r).appraisal).toBe('missing');
    expect(statusOf({ ...r, signedCopies: [...r.signedCopies, 'appraisal_record'] }).appraisal).toBe(
      'present',
    );
  });

  it('without signed-copy tracking (no list given) the parts are judged on the record alone', () => {
    expect(archiveCompleteness(record(fullCase(), [approvalNotice])).complete).toBe(true);
  });
});
