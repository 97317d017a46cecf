/** A knowledge-base passage: short policy text in plain words, with the source it rests on. */
export interface Passage {
  id: string;
  program: 'dibao' | 'tekun' | 'linshi' | 'general';
  topic: string;
  /** How residents say it: colloquial words and phrases for the subject, searched like the topic. */
  keywords: string[];
  source: string;
  clause: string;
  related: string[];
  body: string;
}
