/** One nginx directive, such as `server 10.0.0.1:3000;` or a block such as `upstream app { ... }`. */
export interface NginxDirective {
  name: string;
  args: string[];
  line: number;
  /** The directives inside a block; `undefined` for a simple directive. */
  children?: NginxDirective[];
}

/**
 * Parses nginx configuration text into directives. Comments are dropped, quoted arguments keep
 * their text without quotes, and an unbalanced `}` or a missing `;` ends the block early rather
 * than failing, so a partial file still gives what it contains.
 */
export function parseNginxConfig(text: string): NginxDirective[] {
  const tokens = tokenize(text);
  let index = 0;
  const parseBlock = (): NginxDirective[] => {
    const directives: NginxDirective[] = [];
    let current: NginxDirective | undefined;
    while (index < tokens.length) {
      const token = tokens[index++]!;
      if (token.text === '}' && !token.quoted) return directives;
      if (token.text === ';' && !token.quoted) {
        if (current) directives.push(current);
        current = undefined;
      } else if (token.text === '{' && !token.quoted) {
        const block = current ?? { name: '', args: [], line: token.line };
        block.children = parseBlock();
        directives.push(block);
        current = undefined;
      } else if (current) {
        current.args.push(token.text);
      } else {
        current = { name: token.text, args: [], line: token.line };
      }
    }
    if (current) directives.push(current);
    return directives;
  };
  return parseBlock();
}

interface Token {
  text: string;
  line: number;
  quoted: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (char === '\n') {
      line++;
      index++;
    } else if (/\s/.test(char)) {
      index++;
    } else if (char === '#') {
      while (index < text.length && text[index] !== '\n') index++;
    } else if (char === '{' || char === '}' || char === ';') {
      tokens.push({ text: char, line, quoted: false });
      index++;
    } else if (char === '"' || char === "'") {
      const start = line;
      let value = '';
      index++;
      while (index < text.length && text[index] !== char) {
        if (text[index] === '\\' && index + 1 < text.length) index++;
        if (text[index] === '\n') line++;
        value += text[index];
        index++;
      }
      index++;
      tokens.push({ text: value, line: start, quoted: true });
    } else {
      let value = '';
      while (index < text.length && !/[\s{};]/.test(text[index]!)) value += text[index++];
      tokens.push({ text: value, line, quoted: false });
    }
  }
  return tokens;
}

/** Lists every directive in the tree, depth first, in file order. */
export function allDirectives(directives: readonly NginxDirective[]): NginxDirective[] {
  return directives.flatMap((directive) => [directive, ...allDirectives(directive.children ?? [])]);
}
