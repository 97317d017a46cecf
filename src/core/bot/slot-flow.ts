import type { ReplyChoice } from '../outbox/reply-model';
import type { TemplateStore } from '../templates/template-store';
import { editKey, FLOW_KEYS, type FlowCommand, readFlowCommand } from './flow-commands';
import type { TurnContext } from './turn-context';

/** What a step gets from the resident: the text typed and the choice picked, if any. */
export interface SlotInput {
  text: string;
  choice: string | undefined;
}

/** An accepted answer; `understood` reads it back when it was typed in words (两口人 → 2 人). */
export type Accepted<D> =
  | { ok: true; draft: D; understood?: { value: string; unit: string } }
  | { ok: false; problem: string };

export interface Prompt {
  templateId: string;
  vars?: Record<string, unknown>;
  choices?: ReplyChoice[];
}

/** One question of a guided exchange. */
export interface Slot<D> {
  id: string;
  /** Asked only when this holds (e.g. the township of residence only for 人户分离). */
  applies?(draft: D): boolean;
  isAnswered(draft: D): boolean;
  prompt(draft: D): Prompt;
  accept(input: SlotInput, draft: D): Accepted<D>;
  /** Forgets this answer and the answers that depend on it (used by 返回 and 修改). */
  clear(draft: D): D;
}

export interface FlowDefinition<D> {
  name: string;
  slots: readonly Slot<D>[];
  /** Phrase table naming the slots (for 修改 X and “you stopped at X”). */
  labels: string;
  /** The summary asked to confirm once every slot is answered; none: complete at once. */
  confirmation?(draft: D): Prompt;
  /** Stored state → draft (e.g. unsealing) and back. */
  load(data: Record<string, unknown>): D;
  save(draft: D): Record<string, unknown>;
  /** Idle time after which the next message first gets “welcome back” and the current question. */
  idleMs: number;
  /** Idle time after which the draft is dropped. */
  maxAgeMs: number;
}

export type FlowOutcome<D> =
  | { kind: 'asked' }
  | { kind: 'complete'; draft: D }
  | { kind: 'cancelled' }
  | { kind: 'expired' };

interface FlowMeta {
  history: string[];
}

/**
 * Runs a guided exchange over conversation state: asks the first unanswered question, checks each
 * answer (a problem gets a correction and the same question again, keeping every earlier answer),
 * and understands 返回, 修改 X, 取消 and 继续 at every step. State is saved by the turn, so an
 * exchange interrupted for days resumes at the question it stopped at.
 */
export class SlotFlow<D> {
  constructor(
    private readonly def: FlowDefinition<D>,
    private readonly templates: TemplateStore,
  ) {
    // Its name is shown on 取消, expiry and resumption: a flow without one would fail only then.
    this.flowLabel();
  }

  get name(): string {
    return this.def.name;
  }

  isActive(ctx: TurnContext): boolean {
    return ctx.state.flow?.name === this.def.name;
  }

  begin(ctx: TurnContext, draft: D): FlowOutcome<D> {
    this.store(ctx, draft, { history: [] });
    return this.askNext(ctx, draft, { history: [] });
  }

  /** The draft of the flow in progress. */
  draftOf(ctx: TurnContext): D {
    return this.def.load(ctx.state.flow?.data ?? {});
  }

  /** Asks the current question again (the resident came back to a flow in progress). */
  resume(ctx: TurnContext): FlowOutcome<D> {
    const data = ctx.state.flow?.data ?? {};
    return this.askNext(ctx, this.def.load(data), { history: readHistory(data) });
  }

  /** Handles one message of a flow in progress. */
  continue(ctx: TurnContext): FlowOutcome<D> {
    const flow = ctx.state.flow!;
    const draft = this.def.load(flow.data);
    const meta: FlowMeta = { history: readHistory(flow.data) };
    const input: SlotInput = { text: textOf(ctx), choice: ctx.choice };
    const command = readFlowCommand(input.text, input.choice);
    const idle = ctx.state.lastActiveAt ? ctx.now.getTime() - Date.parse(ctx.state.lastActiveAt) : 0;
    if (idle > this.def.maxAgeMs) {
      ctx.state.flow = null;
      ctx.reply('chat.flow.expired', { flow: this.flowLabel() });
      return { kind: 'expired' };
    }
    if (command?.kind === 'cancel') {
      ctx.state.flow = null;
      ctx.reply('chat.flow.cancelled', { flow: this.flowLabel() });
      return { kind: 'cancelled' };
    }
    if (idle > this.def.idleMs && command === undefined) {
      // The message may belong to another context after a long pause: show where we were first.
      const step = this.current(draft);
      ctx.reply('chat.flow.welcome-back', {
        flow: this.flowLabel(),
        step: step ? this.label(step.id) : this.templates.phrase('chat.flow', 'confirm-step'),
      });
      return this.askNext(ctx, draft, meta);
    }
    if (command?.kind === 'back') return this.back(ctx, draft, meta);
    if (command?.kind === 'edit') return this.edit(ctx, draft, meta, command);
    if (command?.kind === 'resume') return this.askNext(ctx, draft, meta);
    const slot = this.current(draft);
    if (!slot) {
      if (command?.kind === 'confirm') return { kind: 'complete', draft };
      ctx.reply('chat.flow.confirm-expected');
      return this.askNext(ctx, draft, meta);
    }
    const accepted = slot.accept(input, draft);
    if (!accepted.ok) {
      this.correct(ctx, slot, draft, accepted.problem);
      return { kind: 'asked' };
    }
    meta.history = [...meta.history.filter((id) => id !== slot.id), slot.id];
    return this.askNext(ctx, accepted.draft, meta, accepted.understood);
  }

  /** The question to ask now, or undefined when every applicable slot is answered. */
  current(draft: D): Slot<D> | undefined {
    return this.def.slots.find((s) => (s.applies?.(draft) ?? true) && !s.isAnswered(draft));
  }

  label(slotId: string): string {
    return this.templates.phrase(this.def.labels, slotId);
  }

  private flowLabel(): string {
    return this.templates.phrase('chat.flow', this.def.name);
  }

  private askNext(
    ctx: TurnContext,
    draft: D,
    meta: FlowMeta,
    understood?: { value: string; unit: string },
  ): FlowOutcome<D> {
    this.store(ctx, draft, meta);
    const slot = this.current(draft);
    if (slot) {
      const prompt = slot.prompt(draft);
      if (understood) {
        // What was understood, then the next question, in one message.
        ctx.reply(
          'chat.flow.understood',
          {
            value: understood.value,
            unit: this.templates.phrase('chat.units', understood.unit),
            question: this.templates.render(prompt.templateId, prompt.vars).text,
          },
          prompt.choices,
        );
        return { kind: 'asked' };
      }
      ctx.reply(prompt.templateId, prompt.vars, prompt.choices);
      return { kind: 'asked' };
    }
    if (!this.def.confirmation) return { kind: 'complete', draft };
    const summary = this.def.confirmation(draft);
    ctx.reply(summary.templateId, summary.vars, [
      ...(summary.choices ?? []),
      { key: FLOW_KEYS.confirm, label: this.templates.phrase('chat.flow', 'confirm') },
      { key: FLOW_KEYS.edit, label: this.templates.phrase('chat.flow', 'edit') },
      { key: FLOW_KEYS.cancel, label: this.templates.phrase('chat.flow', 'cancel') },
    ]);
    return { kind: 'asked' };
  }

  private correct(ctx: TurnContext, slot: Slot<D>, draft: D, problem: string): void {
    const prompt = slot.prompt(draft);
    ctx.reply(
      'chat.flow.correction',
      {
        problem: this.templates.phrase('chat.answer-problems', problem),
        question: this.templates.render(prompt.templateId, prompt.vars).text,
      },
      prompt.choices,
    );
  }

  private back(ctx: TurnContext, draft: D, meta: FlowMeta): FlowOutcome<D> {
    const previous = meta.history.at(-1);
    const slot = previous ? this.def.slots.find((s) => s.id === previous) : undefined;
    if (!slot) {
      ctx.reply('chat.flow.at-first-step');
      return this.askNext(ctx, draft, meta);
    }
    meta.history = meta.history.slice(0, -1);
    return this.askNext(ctx, slot.clear(draft), meta);
  }

  private edit(
    ctx: TurnContext,
    draft: D,
    meta: FlowMeta,
    command: Extract<FlowCommand, { kind: 'edit' }>,
  ): FlowOutcome<D> {
    const answered = this.def.slots.filter((s) => (s.applies?.(draft) ?? true) && s.isAnswered(draft));
    const target = this.findSlot(answered, command.target);
    if (!target) {
      ctx.reply(
        'chat.flow.edit-which',
        { unknown: command.target },
        answered.slice(0, 20).map((s) => ({ key: editKey(s.id), label: this.label(s.id) })),
      );
      this.store(ctx, draft, meta);
      return { kind: 'asked' };
    }
    return this.askNext(ctx, target.clear(draft), meta);
  }

  /** A slot by id (from a button) or by its label as typed: exact, then the one label containing it. */
  private findSlot(slots: readonly Slot<D>[], target: string): Slot<D> | undefined {
    if (!target) return undefined;
    const byId = slots.find((s) => s.id === target);
    if (byId) return byId;
    const exact = slots.find((s) => this.label(s.id) === target);
    if (exact) return exact;
    const partial = slots.filter(
      (s) => this.label(s.id).includes(target) || target.includes(this.label(s.id)),
    );
    return partial.length === 1 ? partial[0] : undefined;
  }

  private store(ctx: TurnContext, draft: D, meta: FlowMeta): void {
    const step = this.current(draft)?.id ?? 'confirm';
    ctx.state.flow = {
      name: this.def.name,
      step,
      data: { ...this.def.save(draft), history: meta.history },
    };
  }
}

function readHistory(data: Record<string, unknown>): string[] {
  const h = data.history;
  return Array.isArray(h) ? h.filter((x): x is string => typeof x === 'string') : [];
}

function textOf(ctx: TurnContext): string {
  const content = ctx.inbound.message.Content;
  return typeof content === 'string' ? content : '';
}
