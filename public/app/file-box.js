// A text box that a file can also be chosen into or dropped on: the event study's price CSV and the
// import's export. The file is read in the page (UTF-8, or UTF-16 when it starts with that byte-order
// mark, as Excel writes "Unicode text") and shown in the box, so that what is sent is what is seen and
// what the permalink holds.
import { downloadCsv } from './csv.js';
import { h } from './form.js';

/** Larger files are not read into the box (the API's largest inputs are far smaller). */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * The file's text, by its byte-order mark.
 * @param {File} file
 */
export async function readText(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const encoding =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  // TextDecoder drops the byte-order mark itself.
  return new TextDecoder(encoding).decode(bytes);
}

/**
 * The `extra` of a textarea field: a file picker, the box as a drop target, and optionally a sample to download.
 * @param {{ chooseLabel: string, accept: string, sample?: { label: string, filename: string, text: string } }} options
 * @returns {(control: HTMLElement) => HTMLElement[]}
 */
export function fileBox(options) {
  return (control) => {
    const box = /** @type {HTMLTextAreaElement} */ (control);
    const id = `${box.id}-file`;
    const input = h('input', { type: 'file', id, accept: options.accept });
    const said = h('p', { class: 'hint file-status', role: 'status', 'aria-live': 'polite' });
    const read = async (/** @type {File | undefined} */ file) => {
      if (!file) return;
      if (file.size > MAX_FILE_BYTES) {
        said.textContent = `${file.name} is larger than 2 MiB: too large to read here.`;
        return;
      }
      box.value = await readText(file);
      said.textContent = `Read ${file.name}: ${box.value.split(/\r\n|\n|\r/).filter((l) => l.trim()).length} lines.`;
    };
    input.addEventListener('change', () => void read(input.files?.[0]));
    box.addEventListener('dragover', (event) => {
      event.preventDefault();
      box.classList.add('dropping');
    });
    box.addEventListener('dragleave', () => box.classList.remove('dropping'));
    box.addEventListener('drop', (event) => {
      event.preventDefault();
      box.classList.remove('dropping');
      void read(event.dataTransfer?.files?.[0]);
    });
    const sample = options.sample;
    const sampleLink = sample ? [h('p', { class: 'hint' }, [sampleButton(sample)])] : [];
    return [
      h('div', { class: 'file-row' }, [h('label', { for: id }, [options.chooseLabel]), input]),
      said,
      ...sampleLink,
    ];
  };
}

/** @param {{ label: string, filename: string, text: string }} sample */
function sampleButton(sample) {
  const button = h('button', { type: 'button', class: 'link' }, [sample.label]);
  button.addEventListener('click', () => downloadCsv(sample.filename, sample.text));
  return button;
}
