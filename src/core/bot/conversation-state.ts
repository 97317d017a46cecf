import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/database';
import { conversations } from '../db/schema';

/** Bumped when the shape of flow state changes; older stored state is discarded, not misread. */
export const CONVERSATION_STATE_VERSION = 2;

export const conversationStateSchema = z.object({
  /** The flow in progress and its step-local data (resident and staff flows fill this in). */
  flow: z.object({ name: z.string(), step: z.string(), data: z.record(z.string(), z.unknown()) }).nullable(),
  /** When the user last wrote, for the flow timeout. */
  lastActiveAt: z.string().nullable(),
  /** The choices last offered, so a reply “2” to numbered lines picks the second. */
  offeredChoices: z.array(z.object({ key: z.string(), label: z.string() })).default([]),
  /** The resident's latest policy question (masked), for a hand-off to a caseworker, and when. */
  lastQuestion: z.string().nullable().default(null),
  lastQuestionAt: z.string().nullable().default(null),
  /** When the user was last told that repeats in a flood were skipped (told once per flood). */
  floodNoticeAt: z.string().nullable().default(null),
});

export type ConversationState = z.infer<typeof conversationStateSchema>;

export const EMPTY_STATE: ConversationState = {
  flow: null,
  lastActiveAt: null,
  offeredChoices: [],
  lastQuestion: null,
  lastQuestionAt: null,
  floodNoticeAt: null,
};

/** Loads a user's state; missing, stale-version or unreadable state starts fresh. */
export async function loadConversation(db: Db, conversationKey: string): Promise<ConversationState> {
  const rows = await db
    .select({ state: conversations.state, version: conversations.stateVersion })
    .from(conversations)
    .where(eq(conversations.conversationKey, conversationKey));
  const row = rows[0];
  if (!row || row.version !== CONVERSATION_STATE_VERSION) return structuredClone(EMPTY_STATE);
  const parsed = conversationStateSchema.safeParse(row.state);
  return parsed.success ? parsed.data : structuredClone(EMPTY_STATE);
}

export async function saveConversation(
  db: Db,
  conversationKey: string,
  state: ConversationState,
  now: Date,
): Promise<void> {
  const value = conversationStateSchema.parse(state);
  await db
    .insert(conversations)
    .values({
      conversationKey,
      state: value,
      stateVersion: CONVERSATION_STATE_VERSION,
      turn: 1,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: conversations.conversationKey,
      set: {
        state: value,
        stateVersion: CONVERSATION_STATE_VERSION,
        turn: sql`${conversations.turn} + 1`,
        updatedAt: now,
      },
    });
}
