import type { StandardParameter } from '../../domain/parameters/standard-amendment';

/**
 * Kinds of fact a question can ask for and a passage can state in its first sentence: an amount of
 * money, a length of time, a number of people, of times (how often), of items or grades, a moment, a
 * month of the calendar (which month: 下个月, 7月), a place or office, a person or body, a list (of
 * materials, conditions), a yes or no, a way of doing something.
 */
export const FACT_KINDS = [
  'amount',
  'duration',
  'people',
  'times',
  'items',
  'when',
  'month',
  'place',
  'person',
  'list',
  'yesno',
  'how',
] as const;
export type FactKind = (typeof FACT_KINDS)[number];

/** What a passage can route to instead of answering: the resident's own commands. */
export const COMMANDS = ['status', 'handoff'] as const;
export type Command = (typeof COMMANDS)[number];

/** A knowledge-base passage: short policy text in plain words, with the source it rests on. */
export interface Passage {
  id: string;
  program: 'dibao' | 'tekun' | 'linshi' | 'general';
  /** A short label (a button, a “did you mean” choice). */
  topic: string;
  /** The one question the passage answers (标准问). */
  question: string;
  /**
   * How residents ask that question (相似问), written without the passage's wording: matched as
   * whole phrasings, so paraphrases find the passage and not only its keywords.
   */
  similar: string[];
  /** The kinds of fact the passage's first sentence states (see `FACT_KINDS`). */
  states: FactKind[];
  /** How residents say it: colloquial words and phrases for the subject, searched like the topic. */
  keywords: string[];
  /**
   * Local standards the bureau sets (舒兰's 低保 standard): when one is in force, the answer adds it
   * on a line of its own with its date and source (passage-figures.ts). Money parameters only.
   */
  figures: StandardParameter[];
  /** A command the passage stands for (查进度, 转人工): matching it runs the command. */
  command?: Command;
  source: string;
  clause: string;
  related: string[];
  body: string;
}
