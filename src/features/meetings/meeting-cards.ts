import type { Township } from '../../core/config/load-townships';
import type { OutboxBody } from '../../core/outbox/card-update';
import type { TemplateStore } from '../../core/templates/template-store';
import { shanghaiParts } from '../../domain/calendar';
import type { Answer, InvitationRow, Meeting } from './meeting-records';

/** Phrase table of the meeting flows (button labels, card heading, answers, verdicts). */
export const MEETING_PHRASES = 'staff.meeting';

/** Button keys of the invitation card; the click's TaskId names the invitation. */
export const MEETING_KEYS = { attend: 'meeting:attend', decline: 'meeting:decline' } as const;

export function answerOfKey(key: string | undefined): Exclude<Answer, 'pending'> | undefined {
  if (key === MEETING_KEYS.attend) return 'attend';
  if (key === MEETING_KEYS.decline) return 'decline';
  return undefined;
}

/** “2026年12月10日 09:00”, from the template (no wording in code). */
export function meetingWhen(templates: TemplateStore, at: Date): string {
  return templates.render('staff.meeting.when', { ...shanghaiParts(at) }).text;
}

/** What every meeting message shows of the meeting: number, township, time and place. */
export function meetingVars(templates: TemplateStore, townships: readonly Township[], meeting: Meeting) {
  return {
    meetingId: meeting.id,
    township: townships.find((t) => t.id === meeting.townshipId)?.name ?? meeting.townshipId,
    when: meetingWhen(templates, meeting.heldAt),
    place: meeting.place,
  };
}

/**
 * The invitation: the meeting and its agenda as text (case number and applicant's name only: no ID
 * numbers, no income, no HIV-tagged case ever reaches an agenda), then a card with 参加 / 请假
 * whose task_id is this invitation's own.
 */
export function invitationBody(
  templates: TemplateStore,
  townships: readonly Township[],
  meeting: Meeting,
  invitation: InvitationRow,
  organiserName: string,
  minParticipants: number,
): OutboxBody {
  const vars = meetingVars(templates, townships, meeting);
  return {
    text: templates.render('staff.meeting.invitation', {
      ...vars,
      organiser: organiserName,
      organiserSelf: invitation.userId === meeting.organiserId,
      min: minParticipants,
      agenda: meeting.agenda.map((item, i) => ({ n: i + 1, caseId: item.caseId, name: item.name })),
    }),
    choices: [
      { key: MEETING_KEYS.attend, label: templates.phrase(MEETING_PHRASES, 'attend') },
      { key: MEETING_KEYS.decline, label: templates.phrase(MEETING_PHRASES, 'decline') },
    ],
    card: {
      taskId: invitation.taskId,
      title: templates.phrase(MEETING_PHRASES, 'card-title'),
      desc: vars.when,
    },
  };
}

/** Greys the invitation's buttons and shows the answer (“已确认参加” / “已请假”). */
export function answeredCardBody(
  templates: TemplateStore,
  taskId: string,
  responseCode: string,
  answer: Exclude<Answer, 'pending'>,
): OutboxBody {
  return {
    cardUpdate: {
      taskId,
      responseCode,
      replaceName: templates.phrase(
        MEETING_PHRASES,
        answer === 'attend' ? 'answered-attend' : 'answered-decline',
      ),
    },
  };
}

/** Greys the buttons of a card clicked after the meeting began, saying so (“会议已开始”). */
export function startedCardBody(templates: TemplateStore, taskId: string): (code: string) => OutboxBody {
  return (responseCode) => ({
    cardUpdate: { taskId, responseCode, replaceName: templates.phrase(MEETING_PHRASES, 'answered-too-late') },
  });
}

/** Greys the buttons of a cancelled meeting's card (“会议已取消”). */
export function cancelledCardBody(templates: TemplateStore, taskId: string): (code: string) => OutboxBody {
  return (responseCode) => ({
    cardUpdate: {
      taskId,
      responseCode,
      replaceName: templates.phrase(MEETING_PHRASES, 'answered-cancelled'),
    },
  });
}
