/** A knowledge-base passage: short policy text in plain words, with the source it rests on. */
export interface Passage {
  id: string;
  program: 'dibao' | 'tekun' | 'linshi' | 'general';
  topic: string;
  source: string;
  clause: string;
  related: string[];
  body: string;
}
