import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import type { Tokenizer } from '../domain/knowledge/bm25-index';
import { DOMAIN_PHRASES } from '../domain/knowledge/synonyms';

/**
 * Chinese word segmentation with jieba's bundled dictionary (works offline), plus the domain's
 * phrases (低保边缘, 人户分离, 一事一议 …) so they stay whole. Search mode also yields the shorter
 * words inside long ones, which helps colloquial questions match formal passages; character
 * pairs are added for recall.
 */
export function createJiebaTokenizer(): Tokenizer {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(DOMAIN_PHRASES.map((p) => `${p} 100000`).join('\n'), 'utf8'));
  return (text) => [...jieba.cutForSearch(text, true), ...hanBigrams(text)];
}

/**
 * Overlapping pairs of Chinese characters: they match colloquial spellings the segmenter splits
 * differently (“审请”/“申请” aside, e.g. “批下来” vs “批准”), at little cost on short passages.
 */
function hanBigrams(text: string): string[] {
  const runs = text
    .replace(/[^\p{Script=Han}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
  const out: string[] = [];
  for (const run of runs) for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  return out;
}
