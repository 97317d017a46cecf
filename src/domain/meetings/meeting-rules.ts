/**
 * The review meeting (评审合议会) rules that choose between meetings (docs/domain.md §11). The
 * notice's quorum (六(三), applied to adjustments and stops by 七(一)): a meeting decides only
 * with at least the minimum of participants, and attendance counts only if confirmed before the
 * meeting starts. So once a meeting has begun its attendance is final: below the minimum it never
 * sat as a 评审合议会 and never will — it decides nothing, has no minutes, and is cancelled.
 */

/** A meeting not yet archived nor cancelled, with the case on its agenda, as the rules see it. */
export interface MeetingStanding {
  id: number;
  heldAt: Date;
  /** Invitees who confirmed attendance before the start (the organiser included). */
  confirmed: number;
  /** Participants required on the meeting's day (configuration, default 5). */
  min: number;
}

export function hasBegun(meeting: Pick<MeetingStanding, 'heldAt'>, now: Date): boolean {
  return meeting.heldAt.getTime() <= now.getTime();
}

export function hasQuorum(meeting: MeetingStanding): boolean {
  return meeting.confirmed >= meeting.min;
}

/** 六(三): it may decide now — begun, with the attendance confirmed beforehand reaching the minimum. */
export function canDecide(meeting: MeetingStanding, now: Date): boolean {
  return hasBegun(meeting, now) && hasQuorum(meeting);
}

export type DecisionMeeting<M extends MeetingStanding> =
  | { kind: 'chosen'; meeting: M }
  /** The one meeting of the case has not begun yet. */
  | { kind: 'not_started'; meeting: M }
  /** The one meeting of the case began below the minimum: it can never decide. */
  | { kind: 'no_quorum'; meeting: M }
  /** Several meetings and none or more than one of them may decide: the caseworker picks one. */
  | { kind: 'choose'; meetings: M[]; several: boolean }
  /** The case is on no live meeting (or not on the one asked for). */
  | { kind: 'none' };

/**
 * The meeting whose decision on a case is being recorded, among the live meetings with the case
 * on their agenda: the one asked for by number, else the only one that may decide. Never a guess
 * between two: a meeting below the minimum may not decide, and when several may, which one sat on
 * the case is the caseworker's to say.
 */
export function decisionMeeting<M extends MeetingStanding>(
  live: readonly M[],
  now: Date,
  requested?: number,
): DecisionMeeting<M> {
  const single = (meeting: M): DecisionMeeting<M> =>
    !hasBegun(meeting, now)
      ? { kind: 'not_started', meeting }
      : hasQuorum(meeting)
        ? { kind: 'chosen', meeting }
        : { kind: 'no_quorum', meeting };
  if (requested !== undefined) {
    const asked = live.find((m) => m.id === requested);
    return asked ? single(asked) : { kind: 'none' };
  }
  const deciding = live.filter((m) => canDecide(m, now));
  if (deciding.length === 1) return { kind: 'chosen', meeting: deciding[0]! };
  if (live.length === 0) return { kind: 'none' };
  if (live.length === 1) return single(live[0]!);
  return { kind: 'choose', meetings: [...live], several: deciding.length > 1 };
}

/**
 * Where a case waiting for the meeting goes when a new meeting is scheduled: a case may be on one
 * live meeting only. A meeting that may decide on it now (begun with quorum) keeps it until its
 * minutes are archived; from any other — not begun, or begun below the minimum — it moves to the
 * new meeting.
 */
export type Placement<M extends MeetingStanding> =
  | { kind: 'free' }
  | { kind: 'move'; from: M[] }
  | { kind: 'in_session'; meeting: M };

export function placementOnNewMeeting<M extends MeetingStanding>(
  live: readonly M[],
  now: Date,
): Placement<M> {
  const sitting = live.find((m) => canDecide(m, now));
  if (sitting) return { kind: 'in_session', meeting: sitting };
  return live.length > 0 ? { kind: 'move', from: [...live] } : { kind: 'free' };
}

/**
 * Why a meeting's minutes cannot be archived (as the record of a 评审合议会, 六(三)), or undefined
 * when they can: not begun yet, or begun below the minimum (it never sat as the meeting).
 */
export function minutesRefusal(meeting: MeetingStanding, now: Date): 'not_started' | 'no_quorum' | undefined {
  if (!hasBegun(meeting, now)) return 'not_started';
  return hasQuorum(meeting) ? undefined : 'no_quorum';
}

/**
 * Why a live meeting cannot be cancelled, or undefined when it can: once a decision on a case was
 * recorded at it, the meeting sat — its minutes are archived instead (`纪要`), and the cases it did
 * not decide wait for the next meeting.
 */
export function cancelRefusal(decisionsRecorded: number): 'decided' | undefined {
  return decisionsRecorded > 0 ? 'decided' : undefined;
}
