import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Tokenizer } from './bm25-index';
import { DOMAIN_PHRASES } from './synonyms';

/**
 * Chinese word segmentation with jieba's bundled dictionary (works offline), plus the words the
 * synonym groups are written as (临时救助, 村委会, 不予批准 …) so they stay whole. Precise mode without jieba's guesses
 * at unknown words (HMM): each character belongs to one dictionary word or stands alone, so a long
 * word is not counted again through the shorter words inside it, and a colloquial particle is not
 * glued to the word next to it (来查, 能算, 会停 stay 来 查, 能 算, 会 停). The index matches the
 * parts of words through pairs of characters, a weaker signal than words. The tokenizer also tags
 * parts of speech, so that a question about something the passages never mention can be recognised.
 */
export function createJiebaTokenizer(): Tokenizer {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(DOMAIN_PHRASES.map((p) => `${p} 100000`).join('\n'), 'utf8'));
  return Object.assign((text: string) => jieba.cut(text, false), {
    tag: (text: string) => jieba.tag(text, false),
  });
}
