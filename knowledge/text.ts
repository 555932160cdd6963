/** The one tokenisation used for documents and questions alike: lunr never sees raw chat text. */
export function normalize(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е');
}

export function tokenize(text: string): string[] {
  return normalize(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0);
}

/** Document text as lunr will split it (on whitespace), already cleaned of punctuation. */
export function indexable(text: string): string {
  return tokenize(text).join(' ');
}
