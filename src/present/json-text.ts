import type { Cell } from './result-columns';

/**
 * A writer of objects whose keys are fixed, straight from their cells: for cells in the keys' order it gives
 * the text JSON.stringify gives for the object { [keys[i]]: cells[i] } (each string value escaped by
 * JSON.stringify itself), without building the object. The key texts are written once, here.
 */
export function jsonObjectWriter(keys: readonly string[]): (cells: readonly Cell[]) => string {
  const prefixes = keys.map((key, i) => `${i === 0 ? '{' : ','}${JSON.stringify(key)}:`);
  if (prefixes.length === 0) return () => '{}';
  return (cells) => {
    let text = '';
    for (let i = 0; i < prefixes.length; i++) {
      const cell = cells[i] ?? null;
      text += prefixes[i] + (cell === null ? 'null' : JSON.stringify(cell));
    }
    return `${text}}`;
  };
}
