import type { Block, Reply } from './types';

/** Small builders so commands read as what they say. */
export function paragraph(markdown: string): Block {
  return { type: 'text', markdown };
}

export function textReply(markdown: string, visibility: Reply['visibility'] = 'public'): Reply {
  return { blocks: [paragraph(markdown)], fallbackText: markdown, visibility };
}

export function reply(blocks: Block[], fallbackText: string, extra: Partial<Reply> = {}): Reply {
  return { blocks, fallbackText, ...extra };
}
