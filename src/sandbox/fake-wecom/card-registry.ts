import { randomBytes } from 'node:crypto';
import { FAKE_CHOSEN_ERRCODES, wecomError } from './errcodes';
import type { WecomReply } from './fake-types';

/** Card types WeCom accepts (docs/wecom.md §2.5). */
export const CARD_TYPES: ReadonlySet<string> = new Set([
  'text_notice',
  'news_notice',
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
]);

/** Cards users can act on: the send answers a response_code and a task_id is required. */
export const INTERACTIVE_CARD_TYPES: ReadonlySet<string> = new Set([
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
]);

export const TASK_ID = /^[0-9A-Za-z_\-@]{1,128}$/;

interface TaskCard {
  agentId: string;
  taskId: string;
  cardType: string;
}

interface IssuedCode {
  agentId: string;
  taskId: string;
  expiresAt: number;
  used: boolean;
}

export type CodeUse = { ok: true; taskId: string } | { ok: false; reply: WecomReply };

/**
 * task_ids (unique per app) and the single-use response codes WeCom hands out for interactive
 * cards, one with the send and one per click (docs/wecom.md §2.5–2.6).
 */
export class CardRegistry {
  private readonly tasks = new Map<string, TaskCard>();
  private readonly codes = new Map<string, IssuedCode>();

  constructor(
    private readonly now: () => Date,
    private readonly lifetimeSeconds: number,
  ) {}

  hasTask(agentId: string, taskId: string): boolean {
    return this.tasks.has(`${agentId}\u0000${taskId}`);
  }

  registerTask(agentId: string, taskId: string, cardType: string): void {
    this.tasks.set(`${agentId}\u0000${taskId}`, { agentId, taskId, cardType });
  }

  /** The card sent with `taskId` (by `agentId` when given, else by any app). */
  findTask(taskId: string, agentId?: string): TaskCard | undefined {
    for (const task of this.tasks.values()) {
      if (task.taskId === taskId && (agentId === undefined || task.agentId === agentId)) return task;
    }
    return undefined;
  }

  issueResponseCode(agentId: string, taskId: string): string {
    const code = randomBytes(24).toString('base64url');
    const expiresAt = this.now().getTime() + this.lifetimeSeconds * 1000;
    this.codes.set(code, { agentId, taskId, expiresAt, used: false });
    return code;
  }

  /** Consumes a code for update_template_card: known, same app (42015), unused, unexpired. */
  consume(code: string, agentId: string): CodeUse {
    const issued = this.codes.get(code);
    if (!issued) {
      return {
        ok: false,
        reply: wecomError(FAKE_CHOSEN_ERRCODES.unknownResponseCode, 'unknown response_code'),
      };
    }
    if (issued.agentId !== agentId) return { ok: false, reply: wecomError(42015) };
    if (issued.used) {
      return {
        ok: false,
        reply: wecomError(FAKE_CHOSEN_ERRCODES.usedResponseCode, 'response_code already used'),
      };
    }
    if (issued.expiresAt <= this.now().getTime()) {
      return {
        ok: false,
        reply: wecomError(FAKE_CHOSEN_ERRCODES.expiredResponseCode, 'response_code expired'),
      };
    }
    issued.used = true;
    return { ok: true, taskId: issued.taskId };
  }
}
