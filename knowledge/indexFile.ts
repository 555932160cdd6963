import { lunr } from './lunrSetup';

/**
 * lunr's serialised index in a compact file form. lunr's own JSON names every document in every posting
 * ("gen-cards-00056": {} 870,000 times at 10,000 entries: 29 MB); here documents are numbers into one
 * list of refs, and loading gives every posting the same empty metadata object (positions are never
 * kept, and lunr copies metadata rather than changing it). The index is lunr's, loaded by lunr.
 */

interface LunrJson {
  version: string;
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, Record<string, unknown>][];
  pipeline: string[];
}

export interface CompactIndex {
  format: 'clientdesk-lunr-1';
  version: string;
  fields: string[];
  pipeline: string[];
  refs: string[];
  /** Per field vector: field number, ref number, lunr's elements. */
  vectors: [number, number, number[]][];
  /** Per term: the term, lunr's `_index`, then per field the ref numbers of its documents. */
  terms: [string, number, ...number[][]][];
}

const NO_METADATA = Object.freeze({});

export function compactIndex(index: lunr.Index): CompactIndex {
  const json = index.toJSON() as unknown as LunrJson;
  const refs: string[] = [];
  const refNumber = new Map<string, number>();
  const numberOf = (ref: string) => {
    let n = refNumber.get(ref);
    if (n === undefined) {
      n = refs.length;
      refs.push(ref);
      refNumber.set(ref, n);
    }
    return n;
  };
  const fieldNumber = new Map(json.fields.map((f, i) => [f, i]));
  const vectors = json.fieldVectors.map(([fieldRef, elements]): [number, number, number[]] => {
    // lunr's field refs are `<field>/<doc ref>`; fields never contain "/".
    const slash = fieldRef.indexOf('/');
    return [fieldNumber.get(fieldRef.slice(0, slash))!, numberOf(fieldRef.slice(slash + 1)), elements];
  });
  const terms = json.invertedIndex.map(([term, posting]): [string, number, ...number[][]] => [
    term,
    posting._index as number,
    ...json.fields.map((field) => Object.keys((posting[field] ?? {}) as object).map(numberOf)),
  ]);
  return { format: 'clientdesk-lunr-1', version: json.version, fields: json.fields, pipeline: json.pipeline, refs, vectors, terms };
}

/** The lunr index a `compactIndex` was made from; lunr's pipeline functions must be registered first. */
export function loadCompactIndex(data: CompactIndex): lunr.Index {
  if (data.format !== 'clientdesk-lunr-1') throw new Error(`unknown index format ${String(data.format)}`);
  const { fields, refs } = data;
  const json: LunrJson = {
    version: data.version,
    fields,
    pipeline: data.pipeline,
    fieldVectors: data.vectors.map(([field, ref, elements]) => [`${fields[field]}/${refs[ref]}`, elements]),
    invertedIndex: data.terms.map(([term, position, ...byField]) => {
      const posting: Record<string, unknown> = { _index: position };
      fields.forEach((field, f) => {
        const docs: Record<string, object> = {};
        for (const ref of byField[f] ?? []) docs[refs[ref]!] = NO_METADATA;
        posting[field] = docs;
      });
      return [term, posting];
    }),
  };
  return lunr.Index.load(json as unknown as object);
}
