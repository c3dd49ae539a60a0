/**
 * A place a catalogue figure was read. `url` is the copy actually read (with the search tool, on
 * 2026-12-04); `quote` is a short excerpt of that copy, whitespace collapsed, that states the figure.
 * When the copy quotes someone else (a wire story syndicated elsewhere), `publisher` names the original.
 */
export interface Source {
  title: string;
  publisher: string;
  url: string;
  quote: string;
}
