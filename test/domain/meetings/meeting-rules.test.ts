import {
  cancelRefusal,
  decisionMeeting,
  type MeetingStanding,
  minutesRefusal,
  placementOnNewMeeting,
} from '../../../src/domain/meetings/meeting-rules';

// Thursday 3 December 2026, 10:00 in Shulan: a 09:00 meeting has begun, an 11:00 one has not.
const now = new Date('2026-12-03T02:00:00Z');
const begun = new Date('2026-12-03T01:00:00Z');
const later = new Date('2026-12-03T03:00:00Z');

const meeting = (id: number, heldAt: Date, confirmed: number, min = 5): MeetingStanding => ({
  id,
  heldAt,
  confirmed,
  min,
});

describe('which meeting decides on a case (docs/domain.md §11, 六(三))', () => {
  it('takes the one begun with quorum, never an abandoned one below it, whatever the order', () => {
    const abandoned = meeting(1, later, 2);
    const sitting = meeting(2, begun, 5);
    const alsoBegunBelow = meeting(3, begun, 2);
    for (const live of [
      [abandoned, sitting],
      [sitting, abandoned],
      [alsoBegunBelow, sitting],
    ])
      expect(decisionMeeting(live, now)).toEqual({ kind: 'chosen', meeting: sitting });
  });

  it('asks which when two may decide, and when several are there and none may', () => {
    expect(decisionMeeting([meeting(1, begun, 5), meeting(2, begun, 6)], now)).toMatchObject({
      kind: 'choose',
      several: true,
    });
    expect(decisionMeeting([meeting(1, begun, 2), meeting(2, later, 5)], now)).toMatchObject({
      kind: 'choose',
      several: false,
    });
  });

  it('says why of a single meeting: not begun, or begun below the minimum (attendance is closed)', () => {
    expect(decisionMeeting([meeting(1, later, 5)], now).kind).toBe('not_started');
    expect(decisionMeeting([meeting(1, begun, 4)], now).kind).toBe('no_quorum');
    expect(decisionMeeting([meeting(1, begun, 4, 4)], now).kind).toBe('chosen');
    expect(decisionMeeting([], now).kind).toBe('none');
  });

  it('uses the meeting named by number, and judges it alone', () => {
    const live = [meeting(1, begun, 5), meeting(2, begun, 5), meeting(3, begun, 2)];
    expect(decisionMeeting(live, now, 2)).toEqual({ kind: 'chosen', meeting: live[1] });
    expect(decisionMeeting(live, now, 3).kind).toBe('no_quorum');
    expect(decisionMeeting(live, now, 9).kind).toBe('none');
  });
});

describe('a case on one live meeting only', () => {
  it('moves from meetings that cannot decide on it now, stays with one sitting on it', () => {
    const notBegun = meeting(1, later, 5);
    const begunBelow = meeting(2, begun, 2);
    expect(placementOnNewMeeting([], now)).toEqual({ kind: 'free' });
    expect(placementOnNewMeeting([notBegun, begunBelow], now)).toEqual({
      kind: 'move',
      from: [notBegun, begunBelow],
    });
    const sitting = meeting(3, begun, 5);
    expect(placementOnNewMeeting([notBegun, sitting], now)).toEqual({ kind: 'in_session', meeting: sitting });
  });
});

describe('minutes and cancellation', () => {
  it('files minutes only of a meeting that sat with quorum', () => {
    expect(minutesRefusal(meeting(1, later, 5), now)).toBe('not_started');
    expect(minutesRefusal(meeting(1, begun, 4), now)).toBe('no_quorum');
    expect(minutesRefusal(meeting(1, begun, 5), now)).toBeUndefined();
  });

  it('cancels a meeting only while no decision was recorded at it', () => {
    expect(cancelRefusal(0)).toBeUndefined();
    expect(cancelRefusal(1)).toBe('decided');
  });
});
