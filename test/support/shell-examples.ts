/**
 * The shell examples of a Markdown page (its ```sh, ```bash and ```shell blocks), split into
 * statements the way bash reads them: a statement ends at a line break outside quotes, `$( … )`
 * and `\` continuations, so multi-line JSON in quotes and continued lines stay one statement.
 */

export interface ShellStatement {
  /** Line of the page (1-based) where the statement starts, and where it ends. */
  line: number;
  endLine: number;
  /** The statement as written, comments included. */
  text: string;
  /** The statement without its comments. */
  code: string;
  /** Its words at the top level (quotes and `$( … )` kept inside a word). */
  words: string[];
  /** Variables it reads (`$NAME`, `${NAME}`), outside single quotes. */
  reads: string[];
  /** The comment on its last line and the comment lines right after it (without `#`). */
  notes: string[];
}

const FENCE_OPEN = /^\s*```(sh|bash|shell)\s*$/;
const FENCE_CLOSE = /^\s*```\s*$/;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The statements of every shell block of a Markdown page, in page order. */
export function shellStatements(markdown: string): ShellStatement[] {
  const lines = markdown.split('\n');
  const statements: ShellStatement[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!FENCE_OPEN.test(lines[i])) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !FENCE_CLOSE.test(lines[end])) end++;
    statements.push(...splitStatements(lines.slice(start, end), start + 1));
    i = end;
  }
  return statements;
}

type Context = 'top' | "'" | '"' | '$(' | '(';

/** Splits the lines of one block (the first of them at page line `firstLine`) into statements. */
export function splitStatements(lines: readonly string[], firstLine: number): ShellStatement[] {
  const source = lines.join('\n') + '\n';
  const out: ShellStatement[] = [];
  const stack: Context[] = ['top'];
  let line = firstLine;
  let text = '';
  let code = '';
  let word = '';
  let words: string[] = [];
  let reads: string[] = [];
  let startLine = firstLine;
  let trailing: string | null = null;
  /** The statement that comment lines right after it still belong to, and the last line they reached. */
  let open = null as { statement: ShellStatement; line: number } | null;
  const top = (): Context => stack[stack.length - 1];
  const endWord = (): void => {
    if (word) words.push(word);
    word = '';
  };
  const add = (chars: string): void => {
    text += chars;
    code += chars;
    word += chars;
  };
  /** Ends the statement at a line break (the page line before `line`). */
  const finish = (): void => {
    endWord();
    if (code.trim() !== '') {
      const statement: ShellStatement = {
        line: startLine,
        endLine: line - 1,
        text: text.trimEnd(),
        code: code.trim(),
        words,
        reads: [...new Set(reads)],
        notes: trailing === null ? [] : [trailing],
      };
      out.push(statement);
      open = { statement, line: line - 1 };
    } else if (open?.line !== line - 1) {
      open = null; // a blank line ends what comments may attach to
    }
    text = '';
    code = '';
    words = [];
    reads = [];
    trailing = null;
    startLine = line;
  };

  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    const context = top();
    if (ch === '\n') line++;
    if (context === "'") {
      if (ch === "'") stack.pop();
      add(ch);
      continue;
    }
    if (ch === '\\') {
      const next = source[i + 1] ?? '';
      text += ch + next;
      code += ch + next;
      if (next === '\n') {
        line++;
        if (context === 'top') endWord();
        else word += ch + next;
      } else {
        word += ch + next;
      }
      i++;
      continue;
    }
    if (ch === '$') {
      NAME.lastIndex = source[i + 1] === '{' ? i + 2 : i + 1;
      const name = NAME.exec(source);
      if (name) reads.push(name[0]);
    }
    if (ch === '$' && source[i + 1] === '(') {
      stack.push('$(');
      add('$(');
      i++;
      continue;
    }
    if (context === '"') {
      if (ch === '"') stack.pop();
      add(ch);
      continue;
    }
    // top, $( … ) or ( … )
    if (ch === '#' && context === 'top' && word === '' && (code === '' || /\s$/.test(code))) {
      const stop = source.indexOf('\n', i);
      const comment = source.slice(i + 1, stop).trim();
      text += source.slice(i, stop);
      i = stop - 1;
      if (code.trim() === '') {
        // A comment line: it belongs to the statement right above it, if there is one.
        if (open && open.line === line - 1) {
          open.statement.notes.push(comment);
          open.line = line;
        }
        text = '';
        code = '';
      } else {
        trailing = comment;
      }
      continue;
    }
    if (ch === '\n' && context === 'top') {
      finish();
      continue;
    }
    if (ch === "'" || ch === '"') stack.push(ch);
    else if (ch === '(' && context !== 'top') stack.push('(');
    else if (ch === ')' && (context === '$(' || context === '(')) stack.pop();
    if (context === 'top' && /\s/.test(ch)) {
      endWord();
      text += ch;
      code += ch;
    } else {
      add(ch);
    }
  }
  // An unclosed quote or `$(` runs to the end of the block: still a statement (which bash will refuse).
  finish();
  return out;
}
