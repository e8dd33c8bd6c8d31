import { spawn } from 'node:child_process';
import type { ExtractionOptions } from '../extracted-text';
import { OfficeError } from './office-error';

// Legacy Word (.doc): word-extractor, in a child process with its own heap limit and a
// deadline, so that a malformed file (say, a looping sector chain, which makes it allocate
// without end) costs only the child. A worker thread is no such fence: running out of heap
// there can still end the whole process.

const DOC_CHILD = `
const { dirname, join } = require('node:path');
const Ole = require(join(dirname(process.argv[1]), 'word-ole-extractor.js'));
const extractWordDocument = Ole.prototype.extractWordDocument;
// An encrypted document (fEncrypted in its FIB) would otherwise come out as gibberish.
Ole.prototype.extractWordDocument = function (document, fib) {
  if (fib.length >= 12 && (fib.readUInt16LE(0x0a) & 0x0100) !== 0) return Promise.reject(new Error('password-protected'));
  return extractWordDocument.call(this, document, fib);
};
const WordExtractor = require(process.argv[1]);
process.once('message', (m) => {
  const answer = (message) => process.send(message, () => process.exit(0));
  new WordExtractor().extract(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength)).then(
    (doc) => answer({ text: [doc.getBody(), doc.getFootnotes(), doc.getEndnotes()].join('\\n') }),
    (e) => answer({ error: String((e && e.message) || e) }),
  );
});
`;

export function readDoc(bytes: Buffer, options: ExtractionOptions): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=512', '-e', DOC_CHILD, require.resolve('word-extractor')], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    child.stderr?.resume();
    const finish = (error: Error | null, text?: string): void => {
      clearTimeout(timer);
      child.removeAllListeners();
      child.on('error', () => undefined);
      if (child.exitCode === null) child.kill('SIGKILL');
      if (error) reject(error);
      else resolve([text ?? '']);
    };
    const timer = setTimeout(() => finish(new OfficeError(`DOC reader took longer than ${options.timeoutMs} ms`)), options.timeoutMs);
    child.on('message', (m: { text?: string; error?: string }) => {
      if (m.error === 'password-protected') finish(new OfficeError('DOC is password-protected'));
      else finish(m.error !== undefined ? new Error(m.error) : null, m.text);
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code, signal) => finish(new Error(`the reader stopped (${signal ?? `exit ${code}`}): the file is too large or broken`)));
    child.send({ data: bytes });
  });
}
