import type { FlowDefinition } from '../../core/bot/slot-flow';
import { fieldSlot } from '../../core/bot/slot-kinds';
import type { Township } from '../../core/config/load-townships';
import { maskText } from '../../core/privacy/mask';
import { matchTownship } from '../../core/staff/township-directory';
import { parseFreeText } from '../../domain/application/answer-parsers';

export interface HandoffDraft {
  townshipId?: string;
  question?: string;
}

/** Handing a question to a person: which township (unless known) and what to ask (unless asked). */
export function handoffFlow(townships: readonly Township[]): FlowDefinition<HandoffDraft> {
  return {
    name: 'handoff',
    labels: 'chat.handoff.slots',
    idleMs: 30 * 60 * 1000,
    maxAgeMs: 24 * 60 * 60 * 1000,
    slots: [
      fieldSlot<HandoffDraft, 'question'>({
        id: 'question',
        prompt: () => ({ templateId: 'chat.handoff.question' }),
        // Kept in the conversation state and the handoff row in clear: identifiers are masked.
        parse: (text) => parseFreeText(maskText(text)),
      }),
      fieldSlot<HandoffDraft, 'townshipId'>({
        id: 'townshipId',
        prompt: () => ({
          templateId: 'chat.handoff.township',
          vars: { townships: townships.map((t, i) => ({ n: i + 1, name: t.name })) },
        }),
        parse: (text) => {
          const n = Number(text.trim());
          const t =
            Number.isInteger(n) && n >= 1 && n <= townships.length
              ? townships[n - 1]
              : matchTownship(townships, text);
          return t ? { ok: true, value: t.id } : { ok: false, problem: 'township_unknown' };
        },
      }),
    ],
    load: (data) => ({
      ...(typeof data.townshipId === 'string' ? { townshipId: data.townshipId } : {}),
      ...(typeof data.question === 'string' ? { question: data.question } : {}),
    }),
    save: (draft) => ({ ...draft }),
  };
}
