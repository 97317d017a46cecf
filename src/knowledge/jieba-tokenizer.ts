import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Tokenizer } from '../domain/knowledge/bm25-index';
import { DOMAIN_PHRASES } from '../domain/knowledge/synonyms';

/**
 * Chinese word segmentation with jieba's bundled dictionary (works offline), plus the domain's
 * phrases (低保边缘, 人户分离, 一事一议 …) so they stay whole. Search mode also yields the shorter
 * words inside long ones, which helps colloquial questions match formal passages.
 */
export function createJiebaTokenizer(): Tokenizer {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(DOMAIN_PHRASES.map((p) => `${p} 100000`).join('\n'), 'utf8'));
  return (text) => jieba.cutForSearch(text, true);
}
