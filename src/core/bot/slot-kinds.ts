import type { Parsed } from '../../domain/application/answer-parsers';
import type { ReplyChoice } from '../outbox/reply-model';
import type { Accepted, Prompt, Slot, SlotInput } from './slot-flow';

/**
 * Builders for the usual kinds of question, so a flow lists its questions instead of re-writing
 * the same accept/clear code: a free answer read by a parser, or one choice among options.
 */
export interface FieldSlot<D, K extends keyof D> {
  id: K & string;
  prompt(draft: D): Prompt;
  parse(text: string, draft: D): Parsed<NonNullable<D[K]>> | { ok: false; problem: string };
  applies?(draft: D): boolean;
  /** Fields that depend on this one and are forgotten with it. */
  dependents?: readonly (keyof D)[];
  /**
   * How the value reads back (a number and its unit in `chat.units`), said before the next question
   * when it was typed in words (两口人, 大概500块), so the resident sees what was understood.
   */
  echo?(value: NonNullable<D[K]>): { value: string; unit: string };
}

/** Typed in words rather than as the plain number: digits alone (with spaces or a full stop) are not echoed. */
const inWords = (text: string) => !/^[\s\d０-９.。]*$/u.test(text);

export function fieldSlot<D extends object, K extends keyof D>(spec: FieldSlot<D, K>): Slot<D> {
  return {
    id: spec.id,
    ...(spec.applies ? { applies: spec.applies } : {}),
    isAnswered: (draft) => draft[spec.id] !== undefined,
    prompt: spec.prompt,
    accept(input: SlotInput, draft: D): Accepted<D> {
      // A button for this question (e.g. 是/否) answers with its value, as if typed.
      const prefix = `ans:${spec.id}:`;
      const text = input.choice?.startsWith(prefix) ? input.choice.slice(prefix.length) : input.text;
      const parsed = spec.parse(text, draft);
      if (!parsed.ok) return parsed;
      const understood =
        spec.echo && input.choice === undefined && inWords(text) ? spec.echo(parsed.value) : undefined;
      return {
        ok: true,
        draft: { ...draft, [spec.id]: parsed.value },
        ...(understood ? { understood } : {}),
      };
    },
    clear: (draft) => forget(draft, [spec.id, ...(spec.dependents ?? [])]),
  };
}

export interface ChoiceSlot<D, K extends keyof D> {
  id: K & string;
  /** The options: value and label, in the order shown. */
  options(draft: D): readonly { value: NonNullable<D[K]>; label: string }[];
  /** Reads a typed answer (a word rather than the button); undefined when it says nothing clear. */
  read?(text: string, draft: D): NonNullable<D[K]> | undefined;
  templateId: string;
  vars?(draft: D): Record<string, unknown>;
  applies?(draft: D): boolean;
  dependents?: readonly (keyof D)[];
}

/** Choice keys carry the slot, so a stale button from an earlier question cannot answer this one. */
export function choiceKey(slotId: string, value: string): string {
  return `ans:${slotId}:${value}`;
}

export function choiceSlot<D extends object, K extends keyof D>(spec: ChoiceSlot<D, K>): Slot<D> {
  const choicesOf = (draft: D): ReplyChoice[] =>
    spec.options(draft).map((o) => ({ key: choiceKey(spec.id, String(o.value)), label: o.label }));
  return {
    id: spec.id,
    ...(spec.applies ? { applies: spec.applies } : {}),
    isAnswered: (draft) => draft[spec.id] !== undefined,
    prompt: (draft) => ({
      templateId: spec.templateId,
      vars: spec.vars?.(draft) ?? {},
      choices: choicesOf(draft),
    }),
    accept(input, draft) {
      const options = spec.options(draft);
      const picked = options.find((o) => input.choice === choiceKey(spec.id, String(o.value)));
      const value = picked?.value ?? spec.read?.(input.text, draft);
      if (value === undefined) return { ok: false, problem: 'choice_invalid' };
      return { ok: true, draft: { ...draft, [spec.id]: value } };
    },
    clear: (draft) => forget(draft, [spec.id, ...(spec.dependents ?? [])]),
  };
}

export function forget<D extends object>(draft: D, keys: readonly (keyof D)[]): D {
  const next = { ...draft };
  for (const key of keys) delete next[key];
  return next;
}
